package dev.countersign.memory;

import dev.countersign.system.Decision;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Few-shot memory of what people decided, recalled by input similarity within a use case:
 * approved answers (as drafted or as a reviewer edited them) to follow, and drafts reviewers
 * rejected, with their reasons, to avoid. Read from the feedback store and the decisions, so a
 * request counts as soon as it is decided. A plain scan over the use case's embeddings.
 */
@Repository
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

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final EmbeddingModel embeddings;
  private final EmbeddingSpace space;

  CorrectionMemory(JdbcTemplate jdbc, EmbeddingModel embeddings, EmbeddingSpace space) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.embeddings = embeddings;
    this.space = space;
  }

  /** Up to {@code k} of each kind, most similar first, none below {@code minSimilarity}. */
  public Recall recall(String useCase, String input, int k, double minSimilarity) {
    return recall(useCase, input, k, minSimilarity, null);
  }

  /**
   * As {@link #recall(String, String, int, double)}, from a snapshot: only requests decided before
   * {@code decidedBefore} (all when null).
   */
  public Recall recall(String useCase, String input, int k, double minSimilarity, Instant decidedBefore) {
    List<Candidate> similar = similar(useCase, input, minSimilarity, decidedBefore);
    return new Recall(approved(similar.stream().filter(Candidate::approved).limit(k).toList()),
        avoid(similar.stream().limit(4L * k).toList(), k));
  }

  /** The approved answer whose request is most similar to {@code input}, however similar. */
  public Optional<Approved> nearestApproved(String useCase, String input) {
    return approved(similar(useCase, input, Double.NEGATIVE_INFINITY, null).stream()
        .filter(Candidate::approved).limit(1).toList()).stream().findFirst();
  }

  /** Most similar first. The scan reads vectors only; texts are read for the few that are recalled. */
  private List<Candidate> similar(String useCase, String input, double minSimilarity, Instant decidedBefore) {
    float[] query = embeddings.embed(input);
    return jdbc.query(
        "select request_id, final_text is not null, input_embedding from cs_feedback "
            + "where use_case = ? and input_embedding is not null and embedding_space = ? "
            // The held-out split is for evaluating prompts: recalling it would hand them the answers.
            + "and coalesce(held_out, false) = false and decided_at < ?",
        (rs, row) -> new Candidate(rs.getString(1), rs.getBoolean(2),
            Vectors.cosine(query, Vectors.fromBytes(rs.getBytes(3)))),
        useCase, space.name(), Timestamp.from(decidedBefore == null ? FAR_FUTURE : decidedBefore)).stream()
        .filter(c -> c.similarity() >= minSimilarity)
        .sorted(Comparator.comparingDouble(Candidate::similarity).reversed())
        .toList();
  }

  private List<Approved> approved(List<Candidate> best) {
    if (best.isEmpty()) {
      return List.of();
    }
    Map<String, String[]> texts = new HashMap<>();
    named.query("select request_id, input_text, final_text from cs_feedback where request_id in (:ids)",
        Map.of("ids", best.stream().map(Candidate::requestId).toList()),
        (RowCallbackHandler) rs -> texts.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}));
    return best.stream().map(c -> new Approved(c.requestId(), texts.get(c.requestId())[0],
        texts.get(c.requestId())[1], c.similarity())).toList();
  }

  private List<Avoid> avoid(List<Candidate> similar, int k) {
    if (similar.isEmpty()) {
      return List.of();
    }
    Map<String, Double> similarity = similar.stream()
        .collect(Collectors.toMap(Candidate::requestId, Candidate::similarity));
    List<Avoid> avoid = new ArrayList<>(named.query("""
        select d.request_id, d.attempt, r.draft_text, d.reason from cs_review_decision d
        join cs_review_draft r on r.request_id = d.request_id and r.attempt = d.attempt
        where d.decision = :reject and d.request_id in (:ids)""",
        Map.of("reject", Decision.REJECT.value(), "ids", similarity.keySet()),
        (rs, row) -> new Avoid(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
            similarity.get(rs.getString(1)))));
    avoid.sort(Comparator.comparingDouble(Avoid::similarity).reversed()
        .thenComparing(Avoid::requestId).thenComparingInt(Avoid::attempt));
    return avoid.stream().limit(k).toList();
  }
}
