package dev.countersign.feedback;

import dev.countersign.memory.Vectors;
import java.util.List;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * A decided request's vectors as stored: its input's, and its approved answer's (null for a
 * rejection). Both come from one call to the model, so they are always of the same model.
 */
record DecisionVectors(byte[] input, byte[] answer) {

  static DecisionVectors embed(EmbeddingModel embeddings, String input, String answer) {
    List<float[]> vectors = Vectors.embedAll(embeddings, answer == null ? List.of(input) : List.of(input, answer));
    return new DecisionVectors(Vectors.toBytes(vectors.get(0)), answer == null ? null : Vectors.toBytes(vectors.get(1)));
  }
}
