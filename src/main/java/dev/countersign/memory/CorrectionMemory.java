package dev.countersign.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

  /**
   * An approved answer to an earlier, similar request.
   *
   * @param similarity of the new request to {@code input}, the nearest request the answer was approved for
   * @param fit how well the answer fits the new request ({@link AnswerFit#fit})
   * @param usualFit how well it fitted the requests it was approved for ({@link AnswerFit#usual}); NaN
   *     when memory holds one of them only
   */
  public record Approved(String requestId, String input, String answer, double similarity, double fit,
      double usualFit) {}

  /** A draft a reviewer rejected for an earlier, similar request, and why. */
  public record Avoid(String requestId, int attempt, String draft, String reason, double similarity) {}

  public record Recall(List<Approved> approved, List<Avoid> avoid) {

    public boolean isEmpty() {
      return approved.isEmpty() && avoid.isEmpty();
    }
  }

  /** Neighbours looked at per answer wanted; more are fetched when too few distinct answers turn up. */
  private static final int NEIGHBOURS_PER_ANSWER = 8;
  /**
   * Answers whose vectors are kept, as the same answers come back draft after draft: those of
   * decisions from before answers' vectors were stored, until re-embedding stores them.
   */
  private static final int ANSWER_VECTORS_KEPT = 2_000;

  private record Found(List<NearestRequests.Neighbour> neighbours, List<Approved> approved) {}

  private record FitVectors(float[] queryForAnswers, Map<String, float[]> answers) {}

  private final DecidedRequests decided;
  private final EmbeddingModel embeddings;
  private final EmbeddingSpace space;
  private final NearestRequests nearest;
  private final Map<String, float[]> answerVectors = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > ANSWER_VECTORS_KEPT;
        }
      });

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

  /**
   * Up to {@code k} of each kind, none below {@code minSimilarity}: approved ones as distinct
   * answers, best fit first; rejected drafts most similar first.
   */
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

  /** The {@code k} distinct approved answers whose requests are most similar to {@code input}, however similar; best fit first. */
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
      List<Approved> approved = approved(input, query, neighbours, k);
      if (approved.size() >= k || neighbours.size() < n) {
        return new Found(neighbours, approved);
      }
      n *= 4;
    }
  }

  /**
   * Up to {@code k} distinct approved answers, each with its most similar request and its fit, best
   * fit first. An answer learns how its requests are worded from those of them among the first
   * neighbours; texts are read for these and for the answers' nearest requests only.
   */
  private List<Approved> approved(String input, float[] query, List<NearestRequests.Neighbour> neighbours, int k) {
    List<NearestRequests.Neighbour> approved = neighbours.stream().filter(NearestRequests.Neighbour::approved).toList();
    Map<String, DecidedRequests.Answered> texts = new HashMap<>();
    List<NearestRequests.Neighbour> nearestOfEach = new ArrayList<>();
    Set<String> answers = new HashSet<>();
    int chunk = NEIGHBOURS_PER_ANSWER * Math.max(1, k);
    for (int from = 0; from < approved.size() && nearestOfEach.size() < k; from += chunk) {
      List<NearestRequests.Neighbour> next = approved.subList(from, Math.min(from + chunk, approved.size()));
      texts.putAll(decided.answers(next.stream().map(NearestRequests.Neighbour::requestId).toList(), space.name()));
      for (NearestRequests.Neighbour n : next) {
        if (nearestOfEach.size() < k && answers.add(texts.get(n.requestId()).answer())) {
          nearestOfEach.add(n);
        }
      }
    }
    if (nearestOfEach.isEmpty()) {
      return List.of();
    }
    Set<NearestRequests.Neighbour> learnFrom = new LinkedHashSet<>(approved.subList(0, Math.min(chunk, approved.size())));
    learnFrom.addAll(nearestOfEach);
    Map<String, List<float[]>> requestsByAnswer = requestsByAnswer(learnFrom, texts, answers);
    FitVectors vectors = embedForFit(input, query, answers, texts.values());
    List<Approved> fitted = new ArrayList<>();
    for (NearestRequests.Neighbour n : nearestOfEach) {
      DecidedRequests.Answered text = texts.get(n.requestId());
      List<float[]> requests = requestsByAnswer.getOrDefault(text.answer(), List.of());
      float[] answer = vectors.answers().get(text.answer());
      // The nearest request's vector may be missing when it was embedded again meanwhile; its similarity stands in.
      double fit = requests.isEmpty() ? n.similarity() : AnswerFit.fit(query, vectors.queryForAnswers(), requests, answer);
      fitted.add(new Approved(n.requestId(), text.input(), text.answer(), n.similarity(), fit,
          AnswerFit.usual(requests, answer)));
    }
    fitted.sort(Comparator.comparingDouble(Approved::fit).reversed());
    return fitted;
  }

  /**
   * The request's query form, for comparing it with answers, and the answers' vectors: as stored with
   * the decisions read, else as kept here; the others are embedded with the query form, in one call,
   * and kept.
   */
  private FitVectors embedForFit(String input, float[] query, Set<String> answers,
      Collection<DecidedRequests.Answered> read) {
    String queryForAnswers = space.asQueryForAnswers(input);
    List<String> texts = new ArrayList<>();
    if (!queryForAnswers.equals(input)) {
      texts.add(queryForAnswers);
    }
    Map<String, float[]> answerVectorsNow = new HashMap<>();
    for (DecidedRequests.Answered answered : read) {
      if (answered.answerVector() != null && answers.contains(answered.answer())) {
        answerVectorsNow.putIfAbsent(answered.answer(), answered.answerVector());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String answer : answers) {
      if (!answerVectorsNow.containsKey(answer)) {
        float[] kept = answerVectors.get(answer);
        if (kept == null) {
          missing.add(answer);
        } else {
          answerVectorsNow.put(answer, kept);
        }
      }
    }
    texts.addAll(missing);
    List<float[]> embedded = texts.isEmpty() ? List.of() : Vectors.embedAll(embeddings, texts);
    for (int i = 0; i < missing.size(); i++) {
      float[] vector = embedded.get(texts.size() - missing.size() + i);
      answerVectors.put(missing.get(i), vector);
      answerVectorsNow.put(missing.get(i), vector);
    }
    return new FitVectors(queryForAnswers.equals(input) ? query : embedded.get(0), answerVectorsNow);
  }

  /** The vectors of these approved requests, by the answer they were approved with, for {@code answers} only. */
  private Map<String, List<float[]>> requestsByAnswer(Collection<NearestRequests.Neighbour> requests,
      Map<String, DecidedRequests.Answered> texts, Set<String> answers) {
    Map<String, DecidedRequests.Recallable> vectors = decided.recallable(
        requests.stream().map(NearestRequests.Neighbour::requestId).toList(), space.name());
    Map<String, List<float[]>> byAnswer = new HashMap<>();
    for (NearestRequests.Neighbour r : requests) {
      DecidedRequests.Recallable vector = vectors.get(r.requestId());
      String answer = texts.get(r.requestId()).answer();
      if (vector != null && answers.contains(answer)) {
        byAnswer.computeIfAbsent(answer, a -> new ArrayList<>()).add(vector.vector());
      }
    }
    return byAnswer;
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
