package dev.countersign.memory;

/**
 * The embedding model in use, by name. Stored with every vector, so that switching models never
 * compares vectors of different models (they differ in size and meaning).
 */
public record EmbeddingSpace(String name) {

  /** Whether this process computes its vectors itself, so re-embedding costs no provider calls. */
  public boolean inProcess() {
    return !name.contains(":");
  }
}
