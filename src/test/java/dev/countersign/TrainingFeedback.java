package dev.countersign;

import dev.countersign.feedback.FeedbackRecorded;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.system.Decision;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Decided requests written straight into the feedback store, outside the held-out split. */
public final class TrainingFeedback {

  private final JdbcTemplate jdbc;
  private final HeldOutSplit split;

  /** What "Record feedback" announces for an approved request of {@code useCase}. */
  public static FeedbackRecorded recorded(String useCase) {
    return new FeedbackRecorded(UUID.randomUUID().toString(), useCase, FeedbackStore.APPROVED);
  }

  /** Tells memory's index that a feedback row was written, as the feedback store does. */
  public static void changed(JdbcTemplate jdbc, String requestId) {
    jdbc.update("insert into cs_memory_change (request_id) values (?)", requestId);
  }

  public TrainingFeedback(JdbcTemplate jdbc, HeldOutSplit split) {
    this.jdbc = jdbc;
    this.split = split;
  }

  /** {@code count} approved examples of {@code useCase}, decided now. */
  public void approved(String useCase, int count) {
    for (int i = 0; i < count; i++) {
      approved(useCase, "Question " + i + " about " + useCase + " " + UUID.randomUUID(), "Answer " + i + " for " + useCase);
    }
  }

  public String approved(String useCase, String input, String answer) {
    return insert(trainingId(), useCase, input, answer, Instant.now(), false, null, null);
  }

  /** An approved example in the held-out split, which evaluations draft and training never sees. */
  public String heldOut(String useCase, String input, String answer) {
    return insert(heldOutId(), useCase, input, answer, Instant.now(), true, null, null);
  }

  /**
   * One decided request as the feedback store keeps it.
   *
   * @param answer the approved text, or null for a rejection
   * @param embedding the input's vector and {@code embeddingSpace} its model, or both null
   */
  public String insert(String id, String useCase, String input, String answer, Instant decided, boolean heldOut,
      byte[] embedding, String embeddingSpace) {
    Timestamp at = Timestamp.from(decided);
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', ?, 'low', ?, 'requester', ?)", id, useCase, input, at);
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reviewer, prompt_version, attempts, requested_at, decided_at, review_millis, input_embedding, "
        + "embedding_space, content_hash, held_out) "
        + "values (?, ?, 'low', ?, '[]', ?, ?, ?, 'reviewer', 'draft-v2', 1, ?, ?, 1000, ?, ?, ?, ?)",
        id, useCase, input, answer, answer == null ? "REJECTED" : "APPROVED", answer == null ? Decision.REJECT.value() : Decision.APPROVE.value(),
        at, at, embedding, embeddingSpace, FeedbackStore.contentHash(useCase, input, answer), heldOut);
    changed(jdbc, id);
    return id;
  }

  public String trainingId() {
    return idIn(false);
  }

  public String heldOutId() {
    return idIn(true);
  }

  private String idIn(boolean heldOut) {
    while (true) {
      String id = UUID.randomUUID().toString();
      if (split.heldOut(id) == heldOut) {
        return id;
      }
    }
  }
}
