package dev.countersign.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.springframework.ai.embedding.EmbeddingModel;

/** Embedding vectors: storage as bytes, cosine similarity, and several embedded in one call. */
public final class Vectors {

  private Vectors() {}

  /** {@code texts} embedded in one call, in order; a model that answers with another count is an error. */
  public static List<float[]> embedAll(EmbeddingModel embeddings, List<String> texts) {
    List<float[]> vectors = embeddings.embed(texts);
    if (vectors.size() != texts.size()) {
      throw new IllegalStateException("The embedding model returned " + vectors.size() + " vectors for "
          + texts.size() + " texts");
    }
    return vectors;
  }

  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Vectors of different length: " + a.length + " and " + b.length);
    }
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
  }

  public static byte[] toBytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  public static float[] fromBytes(byte[] bytes) {
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
