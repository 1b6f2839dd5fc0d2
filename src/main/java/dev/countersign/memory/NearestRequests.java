package dev.countersign.memory;

import java.time.Instant;
import java.util.List;

/** Finds the decided requests of a use case whose inputs are nearest a query vector. */
interface NearestRequests {

  /** A decided request and how similar its input is to the query (cosine). */
  record Neighbour(String requestId, boolean approved, double similarity) {}

  /**
   * Up to {@code n} requests of {@code useCase} that memory may recall, decided before
   * {@code decidedBefore}, most similar first, none below {@code minSimilarity}.
   */
  List<Neighbour> nearest(String useCase, float[] query, int n, double minSimilarity, Instant decidedBefore);
}
