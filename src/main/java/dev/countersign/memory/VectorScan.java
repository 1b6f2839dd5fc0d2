package dev.countersign.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The exact answer: compares the query with every vector of the use case, read from the database. */
final class VectorScan implements NearestRequests {

  private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

  private final DecidedRequests decided;
  private final EmbeddingSpace space;

  VectorScan(DecidedRequests decided, EmbeddingSpace space) {
    this.decided = decided;
    this.space = space;
  }

  @Override
  public List<Neighbour> nearest(String useCase, float[] query, int n, double minSimilarity, Instant decidedBefore) {
    List<Neighbour> similar = new ArrayList<>();
    decided.scan(useCase, space.name(), decidedBefore == null ? FAR_FUTURE : decidedBefore, (requestId, approved, vector) -> {
      double similarity = Vectors.cosine(query, vector);
      if (similarity >= minSimilarity) {
        similar.add(new Neighbour(requestId, approved, similarity));
      }
    });
    similar.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
    return similar.size() > n ? List.copyOf(similar.subList(0, n)) : similar;
  }
}
