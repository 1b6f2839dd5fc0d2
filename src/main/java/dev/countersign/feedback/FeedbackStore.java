package dev.countersign.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.review.DecisionRecord;
import dev.countersign.review.DraftRecord;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.review.Placeholders;
import dev.countersign.review.ReviewRecords;
import dev.countersign.system.Decision;
import dev.countersign.system.Sha256;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcome of every decided request: what learning is built from. Rows are written by "Record
 * feedback" inside the engine's transaction, so a feedback row exists exactly when the instance
 * has moved past that step.
 */
@Repository
public class FeedbackStore {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";
  static final String AUTO = "auto";
  static final String SYSTEM = "system";

  public record Outcome(String outcome, String finalText) {}

  private final JdbcTemplate jdbc;
  private final ReviewRecords records;
  private final EmbeddingModel embeddings;
  private final ObjectMapper json;
  private final HeldOutSplit split;
  private final EmbeddingSpace space;
  private final TransactionTemplate transaction;

  FeedbackStore(JdbcTemplate jdbc, ReviewRecords records, EmbeddingModel embeddings, ObjectMapper json,
      HeldOutSplit split, EmbeddingSpace space, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.records = records;
    this.embeddings = embeddings;
    this.json = json;
    this.split = split;
    this.space = space;
  }

  /** Identifies an example by what a dataset line is made of: use case, input and approved text. */
  public static String contentHash(String useCase, String input, String finalText) {
    return Sha256.hex(useCase + "\n" + input + "\n" + (finalText == null ? "" : finalText));
  }

  /**
   * Records the decided request.
   *
   * @param decision the last decision: approve, edit, reject, or {@code auto} for auto-approval
   * @param finalText the text as last seen by the decider
   * @param reviewMode the routing's review mode: with {@code AUTO}, a person's decision was an audit
   */
  Outcome record(String requestId, String decision, String finalText, String reviewMode) {
    Map<String, Object> request = jdbc.queryForMap("select * from cs_review_request where id = ?", requestId);
    List<DraftRecord> drafts = records.drafts(requestId);
    List<DecisionRecord> decisions = records.decisions(requestId);
    // The decision that shaped the text; a four-eyes confirmation after it changes nothing in it.
    DecisionRecord last = decisions.stream()
        .filter(d -> !LlmOutputReview.Elements.SECOND_REVIEW.equals(d.task()))
        .reduce((first, second) -> second).orElse(null);
    String outcome = Decision.REJECT.is(decision) ? REJECTED : APPROVED;
    DraftRecord lastDraft = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
    String input = (String) request.get("input_text");
    boolean byPerson = !AUTO.equals(decision) && last != null;
    long reviewMillis = decisions.stream()
        .filter(d -> d.taskCreatedAt() != null)
        .mapToLong(d -> Duration.between(d.taskCreatedAt(), d.decidedAt()).toMillis())
        .sum();
    String keptText = APPROVED.equals(outcome) ? finalText : null;
    DecisionVectors vectors = DecisionVectors.embed(embeddings, input, keptText);
    jdbc.update("""
        insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome,
          decision, reason, reviewer, model, prompt_version, attempts, requested_at, decided_at, review_millis,
          input_embedding, answer_embedding, embedding_space, content_hash, held_out, review_mode, placeholder)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        requestId, request.get("use_case"), request.get("risk_tier"), input, toJson(drafts),
        keptText, outcome,
        byPerson ? last.decision() : decision, byPerson ? last.reason() : null, byPerson ? last.reviewer() : SYSTEM,
        lastDraft == null ? null : lastDraft.model(), lastDraft == null ? null : lastDraft.promptVersion(),
        drafts.size(), request.get("created_at"), Timestamp.from(Instant.now()), reviewMillis,
        vectors.input(), vectors.answer(), space.name(), contentHash((String) request.get("use_case"), input, keptText),
        split.heldOut(requestId), reviewMode, Placeholders.isPlaceholder(keptText));
    jdbc.update(DecidedRequestRows.CHANGED, requestId);
    return new Outcome(outcome, APPROVED.equals(outcome) ? finalText : null);
  }

  /** When a request was accepted, and at which risk tier. */
  record Requested(Instant at, String riskTier) {}

  Requested requested(String requestId) {
    return jdbc.queryForObject("select created_at, risk_tier from cs_review_request where id = ?",
        (rs, row) -> new Requested(rs.getTimestamp(1).toInstant(), rs.getString(2)), requestId);
  }

  /** A human-approved example kept apart for evaluation. */
  public record HeldOut(String requestId, String input, String approved) {}

  /** Up to {@code limit} held-out approved examples of a use case, always the same ones in the same order. */
  public List<HeldOut> heldOut(String useCase, int limit) {
    return jdbc.query("select request_id, input_text, final_text from cs_feedback where use_case = ? and "
            + Examples.HELD_OUT + " order by request_id fetch first ? rows only",
        (rs, row) -> new HeldOut(rs.getString(1), rs.getString(2), rs.getString(3)), useCase, limit);
  }

  /** How many training examples of {@code useCase} were decided at or after {@code since}. */
  public long trainingExamples(String useCase, Instant since) {
    return jdbc.queryForObject("select count(*) from cs_feedback where use_case = ? and decided_at >= ? and "
        + Examples.TRAINING, Long.class, useCase, Timestamp.from(since));
  }

  /** The use cases that have any training example, in order. */
  public List<String> useCasesWithTrainingExamples() {
    return jdbc.queryForList("select distinct use_case from cs_feedback where " + Examples.TRAINING
        + " order by use_case", String.class);
  }

  public Optional<Outcome> outcome(String requestId) {
    return jdbc.query("select outcome, final_text from cs_feedback where request_id = ?",
        (rs, row) -> new Outcome(rs.getString(1), rs.getString(2)), requestId).stream().findFirst();
  }

  /**
   * Rows written before content hashes existed get theirs now, and their place in the split. Both
   * are always written together, so the index on content_hash finds the rows missing either.
   */
  public void backfill() {
    List<Map<String, Object>> missing;
    do {
      missing = jdbc.queryForList("select request_id, use_case, input_text, final_text from cs_feedback "
          + "where content_hash is null fetch first 1000 rows only");
      List<Map<String, Object>> batch = missing;
      transaction.executeWithoutResult(status -> batch.forEach(row -> {
        String requestId = (String) row.get("request_id");
        jdbc.update("update cs_feedback set content_hash = ?, held_out = ? where request_id = ?",
            contentHash((String) row.get("use_case"), (String) row.get("input_text"), (String) row.get("final_text")),
            split.heldOut(requestId), requestId);
        // Placing a row in the split may take it out of memory.
        jdbc.update(DecidedRequestRows.CHANGED, requestId);
      }));
    } while (!missing.isEmpty());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
