package dev.countersign.memory;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * all-MiniLM-L6-v2 (quantised) in process, behind Spring AI's interface. Its ONNX weights ship
 * inside the LangChain4j jar: nothing is downloaded, and no network is needed.
 */
class MiniLmEmbeddingModel implements EmbeddingModel {

  static final int DIMENSIONS = 384;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    List<Embedding> embeddings = new ArrayList<>();
    List<String> texts = request.getInstructions();
    for (int i = 0; i < texts.size(); i++) {
      embeddings.add(new Embedding(embed(texts.get(i)), i));
    }
    return new EmbeddingResponse(embeddings);
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  @Override
  public float[] embed(Document document) {
    return embed(document.getText());
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }
}
