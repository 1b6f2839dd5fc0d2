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
 * a request counts as soon as it is decided. A plain scan over the use case's embeddings.
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

  private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

  private record Candidate(String requestId, boolean approved, double similarity) {}

  private final DecidedRequests decided;
  private final EmbeddingModel embeddings;
  private final EmbeddingSpace space;

  CorrectionMemory(DecidedRequests decided, EmbeddingModel embeddings, EmbeddingSpace space) {
    this.decided = decided;
    this.embeddings = embeddings;
    this.space = space;
  }

  /** Up to {@code k} of each kind (approved ones as distinct answers), most similar first, none below {@code minSimilarity}. */
  /** How many decided requests memory may recall, per use case. */
  public Map<String, Long> sizes() {
    return decided.sizes(space.name());
  }

  public Recall recall(String useCase, String input, int k, double minSimilarity) {
    return recall(useCase, input, k, minSimilarity, null);
  }

  /**
   * As {@link #recall(String, String, int, double)}, from a snapshot: only requests decided before
   * {@code decidedBefore} (all when null).
   */
  public Recall recall(String useCase, String input, int k, double minSimilarity, Instant decidedBefore) {
    List<Candidate> similar = similar(useCase, input, minSimilarity, decidedBefore);
    return new Recall(approved(similar, k), avoid(similar.stream().limit(4L * k).toList(), k));
  }

  /** The {@code k} distinct approved answers whose requests are most similar to {@code input}, however similar. */
  public List<Approved> nearestAnswers(String useCase, String input, int k) {
    return approved(similar(useCase, input, Double.NEGATIVE_INFINITY, null), k);
  }

  /** Most similar first; texts are read afterwards, for the few that are recalled. */
  private List<Candidate> similar(String useCase, String input, double minSimilarity, Instant decidedBefore) {
    float[] query = embeddings.embed(input);
    List<Candidate> similar = new ArrayList<>();
    decided.scan(useCase, space.name(), decidedBefore == null ? FAR_FUTURE : decidedBefore,
        (requestId, approved, vector) -> {
          double similarity = Vectors.cosine(query, vector);
          if (similarity >= minSimilarity) {
            similar.add(new Candidate(requestId, approved, similarity));
          }
        });
    similar.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
    return similar;
  }

  /**
   * Up to {@code k} distinct approved answers, each with its most similar request. A topic asked in
   * many words has many requests with one answer; offering that answer k times would crowd out the
   * others, which a model (or the adoption rule) needs to see.
   */
  private List<Approved> approved(List<Candidate> similar, int k) {
    List<Candidate> approved = similar.stream().filter(Candidate::approved).toList();
    List<Approved> distinct = new ArrayList<>();
    Set<String> answers = new HashSet<>();
    int chunk = 4 * Math.max(1, k);
    for (int from = 0; from < approved.size() && distinct.size() < k; from += chunk) {
      List<Candidate> next = approved.subList(from, Math.min(from + chunk, approved.size()));
      Map<String, DecidedRequests.Answered> texts = decided.answers(next.stream().map(Candidate::requestId).toList());
      for (Candidate c : next) {
        DecidedRequests.Answered text = texts.get(c.requestId());
        if (distinct.size() < k && answers.add(text.answer())) {
          distinct.add(new Approved(c.requestId(), text.input(), text.answer(), c.similarity()));
        }
      }
    }
    return distinct;
  }

  private List<Avoid> avoid(List<Candidate> similar, int k) {
    if (similar.isEmpty()) {
      return List.of();
    }
    Map<String, Double> similarity = similar.stream()
        .collect(Collectors.toMap(Candidate::requestId, Candidate::similarity));
    return decided.rejections(similarity.keySet()).stream()
        .map(r -> new Avoid(r.requestId(), r.attempt(), r.draft(), r.reason(), similarity.get(r.requestId())))
        .sorted(Comparator.comparingDouble(Avoid::similarity).reversed()
            .thenComparing(Avoid::requestId).thenComparingInt(Avoid::attempt))
        .limit(k)
        .toList();
  }
}
