package dev.countersign.dashboard;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decided reviews as the dashboard reads them, a thousand a day going back from now: 10 use cases,
 * 3 risk tiers, one in four edited, one in fifty escalated, 1 to 10 minutes to decide, a draft of
 * 100 prompt and 50 completion tokens each.
 */
final class DecidedReviews {

  static final int PER_DAY = 1_000;

  private DecidedReviews() {}

  /** Each review is also in memory, embedded in {@code embeddingSpace} (a stand-in vector). */
  static void seed(JdbcTemplate jdbc, int decided, Instant now, String embeddingSpace) {
    for (int from = 0; from < decided; from += 5_000) {
      List<Integer> rows = IntStream.range(from, Math.min(decided, from + 5_000)).boxed().toList();
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'seeded', ?, ?, 'A question', 'requester', ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 10);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setTimestamp(4, decidedAt(i, now));
          });
      jdbc.batchUpdate("insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version, "
          + "prompt_tokens, completion_tokens, created_at) values (?, 1, 'A draft', 'gpt-4o-mini', 'draft-v2', 100, 50, ?)",
          rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setTimestamp(2, decidedAt(i, now));
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, review_mode, "
          + "input_embedding, embedding_space) values (?, ?, ?, 'A question', '[]', 'An answer', 'APPROVED', ?, "
          + "'reviewer', 1, ?, ?, ?, 'SINGLE', ?, ?)",
          rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 10);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setString(4, i % 4 == 0 ? "edit" : "approve");
            ps.setTimestamp(5, decidedAt(i, now));
            ps.setTimestamp(6, decidedAt(i, now));
            ps.setLong(7, 60_000L * (1 + i % 10));
            ps.setBytes(8, new byte[] {1, 2, 3, 4});
            ps.setString(9, embeddingSpace);
          });
      jdbc.batchUpdate("insert into cs_review_decision (request_id, task_key, reviewer, decision, decided_at) "
          + "values (?, ?, 'reviewer', ?, ?)", rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, i % 50 == 0 ? "UserTask_EscalatedReview" : "UserTask_ReviewDraft");
            ps.setString(3, i % 4 == 0 ? "edit" : "approve");
            ps.setTimestamp(4, decidedAt(i, now));
          });
    }
    jdbc.execute("analyze");
  }

  /** Review {@code i} was decided {@code i / PER_DAY} days and a few minutes ago: the newest 1,000 in the last day. */
  private static Timestamp decidedAt(int i, Instant now) {
    return Timestamp.from(now.minus(Duration.ofDays(i / PER_DAY)).minusSeconds(60 + i % PER_DAY * 60L));
  }
}
