package dev.countersign.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.stereotype.Service;

/**
 * Few-shot memory of what people decided, recalled by input similarity within a use case:
 * approved answers (as drafted or as a reviewer edited them) to follow, and drafts reviewers
 * rejected, with their reasons, to avoid. Read from the feedback store ({@link DecidedRequests}), so
 * a request counts as soon as it is decided; the nearest are found by {@link NearestRequests}, an
 * approximate index or the exact scan.
 */
@Service
public class CorrectionMemory {

  /** An approved answer to an earlier, similar request. */
  public record Approved(String requestId, String input, String answer, double similarity) {}

  /** A draft a reviewer rejected for an earlier, similar request, and why. */
  public record Avoid(String requestId, int attempt, String draft, String reason, double similarity) {}

  public record Recall(List<Approved> approved, List<Avoid> avoid) {

    public boolean isEmpty() {
      return approved.isEmpty() && avoid.isEmpty();
    }
  }

  /** Neighbours looked at per answer wanted; more are fetched when too few distinct answers turn up. */
  private static final int NEIGHBOURS_PER_ANSWER = 8;

  private record Found(List<NearestRequests.Neighbour> neighbours, List<Approved> approved) {}

  private final DecidedRequests decided;
  private final EmbeddingModel embeddings;
  private final EmbeddingSpace space;
  private final NearestRequests nearest;

  CorrectionMemory(DecidedRequests decided, EmbeddingModel embeddings, EmbeddingSpace space, NearestRequests nearest) {
    this.decided = decided;
    this.embeddings = embeddings;
    this.space = space;
    this.nearest = nearest;
  }

  /** How many decided requests memory may recall, per use case. */
  public Map<String, Long> sizes() {
    return decided.sizes(space.name());
  }

  /** Up to {@code k} of each kind (approved ones as distinct answers), most similar first, none below {@code minSimilarity}. */
  public Recall recall(String useCase, String input, int k, double minSimilarity) {
    return recall(useCase, input, k, minSimilarity, null);
  }

  /**
   * As {@link #recall(String, String, int, double)}, from a snapshot: only requests decided before
   * {@code decidedBefore} (all when null).
   */
  public Recall recall(String useCase, String input, int k, double minSimilarity, Instant decidedBefore) {
    Found found = find(useCase, input, k, minSimilarity, decidedBefore);
    List<NearestRequests.Neighbour> neighbours = found.neighbours();
    return new Recall(found.approved(), avoid(neighbours.subList(0, Math.min(neighbours.size(), 4 * k)), k));
  }

  /** The {@code k} distinct approved answers whose requests are most similar to {@code input}, however similar. */
  public List<Approved> nearestAnswers(String useCase, String input, int k) {
    return find(useCase, input, k, Double.NEGATIVE_INFINITY, null).approved();
  }

  /**
   * Enough of the nearest requests for {@code k} distinct approved answers, if there are that many.
   * A topic asked in many words has many requests with one answer; offering that answer k times
   * would crowd out the others, which a model (or the adoption rule) needs to see.
   */
  private Found find(String useCase, String input, int k, double minSimilarity, Instant decidedBefore) {
    float[] query = embeddings.embed(input);
    int n = NEIGHBOURS_PER_ANSWER * Math.max(1, k);
    while (true) {
      List<NearestRequests.Neighbour> neighbours = nearest.nearest(useCase, query, n, minSimilarity, decidedBefore);
      List<Approved> approved = approved(neighbours, k);
      if (approved.size() >= k || neighbours.size() < n) {
        return new Found(neighbours, approved);
      }
      n *= 4;
    }
  }

  /** Up to {@code k} distinct approved answers, each with its most similar request; texts are read for these only. */
  private List<Approved> approved(List<NearestRequests.Neighbour> neighbours, int k) {
    List<NearestRequests.Neighbour> approved = neighbours.stream().filter(NearestRequests.Neighbour::approved).toList();
    List<Approved> distinct = new ArrayList<>();
    Set<String> answers = new HashSet<>();
    int chunk = 4 * Math.max(1, k);
    for (int from = 0; from < approved.size() && distinct.size() < k; from += chunk) {
      List<NearestRequests.Neighbour> next = approved.subList(from, Math.min(from + chunk, approved.size()));
      Map<String, DecidedRequests.Answered> texts =
          decided.answers(next.stream().map(NearestRequests.Neighbour::requestId).toList());
      for (NearestRequests.Neighbour n : next) {
        DecidedRequests.Answered text = texts.get(n.requestId());
        if (distinct.size() < k && answers.add(text.answer())) {
          distinct.add(new Approved(n.requestId(), text.input(), text.answer(), n.similarity()));
        }
      }
    }
    return distinct;
  }

  private List<Avoid> avoid(List<NearestRequests.Neighbour> similar, int k) {
    if (similar.isEmpty()) {
      return List.of();
    }
    Map<String, Double> similarity = similar.stream()
        .collect(Collectors.toMap(NearestRequests.Neighbour::requestId, NearestRequests.Neighbour::similarity));
    return decided.rejections(similarity.keySet()).stream()
        .map(r -> new Avoid(r.requestId(), r.attempt(), r.draft(), r.reason(), similarity.get(r.requestId())))
        .sorted(Comparator.comparingDouble(Avoid::similarity).reversed()
            .thenComparing(Avoid::requestId).thenComparingInt(Avoid::attempt))
        .limit(k)
        .toList();
  }
}
