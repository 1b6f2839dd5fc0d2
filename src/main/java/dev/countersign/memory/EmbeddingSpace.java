package dev.countersign.memory;

/**
 * The embedding model in use, by name. Stored with every vector, so that switching models never
 * compares vectors of different models (they differ in size and meaning).
 */
public record EmbeddingSpace(String name) {

  static final String MINILM = "minilm-l6-v2-q";
}
