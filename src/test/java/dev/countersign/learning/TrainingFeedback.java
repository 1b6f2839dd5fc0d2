package dev.countersign.learning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Decided requests written straight into the feedback store, outside the held-out split. */
final class TrainingFeedback {

  private final JdbcTemplate jdbc;
  private final DatasetProperties split;

  TrainingFeedback(JdbcTemplate jdbc, DatasetProperties split) {
    this.jdbc = jdbc;
    this.split = split;
  }

  /** {@code count} approved examples of {@code useCase}, decided now. */
  void approved(String useCase, int count) {
    for (int i = 0; i < count; i++) {
      approved(useCase, "Question " + i + " about " + useCase + " " + UUID.randomUUID(), "Answer " + i + " for " + useCase);
    }
  }

  String approved(String useCase, String input, String answer) {
    return insert(trainingId(), useCase, input, answer, false);
  }

  /** An approved example in the held-out split, which evaluations draft and training never sees. */
  String heldOut(String useCase, String input, String answer) {
    for (int i = 0; ; i++) {
      String id = useCase + "-held-out-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
      if (split.heldOut(id)) {
        return insert(id, useCase, input, answer, true);
      }
    }
  }

  private String insert(String id, String useCase, String input, String answer, boolean heldOut) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', ?, 'low', ?, 'requester', ?)", id, useCase, input, now);
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reviewer, prompt_version, attempts, requested_at, decided_at, review_millis, content_hash, held_out) "
        + "values (?, ?, 'low', ?, '[]', ?, 'APPROVED', 'approve', 'reviewer', 'draft-v2', 1, ?, ?, 1000, ?, ?)",
        id, useCase, input, answer, now, now, FeedbackStore.contentHash(useCase, input, answer), heldOut);
    return id;
  }

  private String trainingId() {
    while (true) {
      String id = UUID.randomUUID().toString();
      if (!split.heldOut(id)) {
        return id;
      }
    }
  }
}
