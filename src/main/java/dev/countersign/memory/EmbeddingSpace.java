package dev.countersign.memory;

/**
 * The embedding model in use, by name. Stored with every vector, so that switching models never
 * compares vectors of different models (they differ in size and meaning).
 */
public record EmbeddingSpace(String name) {

  /**
   * The request as this model wants it when it is compared with answers rather than with other
   * requests: BGE models are trained with an instruction before such queries.
   */
  public String asQueryForAnswers(String input) {
    return InProcessEmbeddingModel.Choice.queryForAnswers(name, input);
  }

  /** Whether this process computes its vectors itself, so re-embedding costs no provider calls. */
  public boolean inProcess() {
    return !name.contains(":");
  }
}
