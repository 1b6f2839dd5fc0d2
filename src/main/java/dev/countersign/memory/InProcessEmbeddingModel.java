package dev.countersign.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A quantised sentence-embedding model in process, behind Spring AI's interface. Its ONNX weights
 * ship inside a LangChain4j jar: nothing is downloaded, and no network is needed.
 */
class InProcessEmbeddingModel implements EmbeddingModel {

  /** The models on offer, by the name {@code EMBEDDING_MODEL} takes and the space their vectors are stored in. */
  enum Choice {
    /**
     * bge-small-en-v1.5: recognises a question asked in other words far better than MiniLM
     * (see the memory harness in the README), with vectors of the same size. The default.
     */
    BGE_SMALL("bge-small-en-v1.5-q", "Represent this sentence for searching relevant passages: ",
        BgeSmallEnV15QuantizedEmbeddingModel::new),
    /** all-MiniLM-L6-v2: the model before it, faster but blind to most paraphrases. */
    MINILM("minilm-l6-v2-q", "", AllMiniLmL6V2QuantizedEmbeddingModel::new);

    final String space;
    /** What the model's authors put before a query for passages (answers), as it was trained with it. */
    private final String queryForAnswersPrefix;
    private final Supplier<dev.langchain4j.model.embedding.EmbeddingModel> load;

    Choice(String space, String queryForAnswersPrefix, Supplier<dev.langchain4j.model.embedding.EmbeddingModel> load) {
      this.space = space;
      this.queryForAnswersPrefix = queryForAnswersPrefix;
      this.load = load;
    }

    /** {@code input} as a query for answers in embedding space {@code space}; unchanged for provider models. */
    static String queryForAnswers(String space, String input) {
      return Arrays.stream(values()).filter(c -> c.space.equals(space)).findFirst()
          .map(c -> c.queryForAnswersPrefix + input).orElse(input);
    }

    static Choice named(String name) {
      return Arrays.stream(values()).filter(c -> c.space.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("EMBEDDING_MODEL must be one of "
              + Arrays.stream(values()).map(c -> c.space).toList() + ", not '" + name + "'"));
    }
  }

  static final int DIMENSIONS = 384;

  private final dev.langchain4j.model.embedding.EmbeddingModel model;

  InProcessEmbeddingModel(Choice choice) {
    this.model = choice.load.get();
  }

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    // Several texts are embedded in parallel, on the model's own threads.
    List<dev.langchain4j.data.embedding.Embedding> vectors =
        model.embedAll(request.getInstructions().stream().map(TextSegment::from).toList()).content();
    List<Embedding> embeddings = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      embeddings.add(new Embedding(vectors.get(i).vector(), i));
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
