package dev.countersign.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Drafts and decisions per request. Written by engine listeners, so each row commits or rolls back
 * with the engine state it describes.
 */
@Repository
public class ReviewRecords {

  private final JdbcTemplate jdbc;

  ReviewRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps the request's next draft; returns its number, one more than the draft before it (the first is 1). */
  int insertDraft(String requestId, String text, String model, String promptVersion,
      Integer promptTokens, Integer completionTokens, String memoriesJson) {
    int attempt = jdbc.queryForObject("select coalesce(max(attempt), 0) + 1 from cs_review_draft where request_id = ?",
        Integer.class, requestId);
    jdbc.update("""
        insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version,
          prompt_tokens, completion_tokens, memories_json, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        requestId, attempt, text, model, promptVersion, promptTokens, completionTokens, memoriesJson, now());
    return attempt;
  }

  void updateScreening(String requestId, int attempt, boolean piiFound, boolean policyHit,
      Double judgeScore, String findingsJson) {
    jdbc.update("""
        update cs_review_draft set pii_found = ?, policy_hit = ?, judge_score = ?, findings_json = ?
        where request_id = ? and attempt = ?""",
        piiFound, policyHit, judgeScore, findingsJson, requestId, attempt);
  }

  void insertDecision(String requestId, int attempt, String taskId, String taskKey, String reviewer,
      ReviewDecision decision, String rubricJson, Instant taskCreatedAt, Instant claimedAt) {
    jdbc.update("""
        insert into cs_review_decision (request_id, attempt, task_id, task_key, reviewer, decision, reason,
          final_text, rubric_json, task_created_at, claimed_at, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        requestId, attempt, taskId, taskKey, reviewer, decision.decision().value(), decision.reason(), decision.finalText(),
        rubricJson, taskCreatedAt == null ? null : Timestamp.from(taskCreatedAt),
        claimedAt == null ? null : Timestamp.from(claimedAt), now());
  }

  /** The text the model drafted at this attempt, before anyone edited it. */
  String generatedText(String requestId, int attempt) {
    return jdbc.queryForObject("select draft_text from cs_review_draft where request_id = ? and attempt = ?",
        String.class, requestId, attempt);
  }

  public List<DraftRecord> drafts(String requestId) {
    return jdbc.query("select * from cs_review_draft where request_id = ? order by attempt", ReviewRecords::draft, requestId);
  }

  /**
   * The last approval of this draft of the request outside its second review: who approved which
   * text, as the second review confirms it and four eyes bars its approver.
   */
  Optional<DecisionRecord> approval(String requestId, int attempt) {
    return jdbc.query("""
        select * from cs_review_decision where request_id = ? and attempt = ? and task_key <> ?
          and decision <> 'reject' order by id desc fetch first 1 rows only""",
        ReviewRecords::decision, requestId, attempt, LlmOutputReview.Elements.SECOND_REVIEW).stream().findFirst();
  }

  /** The decisions of one draft's panel so far, in the order they were made. */
  List<DecisionRecord> panel(String requestId, int attempt) {
    return jdbc.query("select * from cs_review_decision where request_id = ? and attempt = ? and task_key = ? order by id",
        ReviewRecords::decision, requestId, attempt, LlmOutputReview.Elements.PANEL_REVIEW);
  }

  public List<DecisionRecord> decisions(String requestId) {
    return jdbc.query("select * from cs_review_decision where request_id = ? order by id", ReviewRecords::decision, requestId);
  }

  private static DraftRecord draft(ResultSet rs, int row) throws SQLException {
    return new DraftRecord(rs.getInt("attempt"), rs.getString("draft_text"), rs.getString("model"),
        rs.getString("prompt_version"), rs.getObject("prompt_tokens", Integer.class),
        rs.getObject("completion_tokens", Integer.class), rs.getObject("pii_found", Boolean.class),
        rs.getObject("policy_hit", Boolean.class), rs.getObject("judge_score", Double.class),
        rs.getString("findings_json"), instant(rs, "created_at"), rs.getString("memories_json"));
  }

  private static DecisionRecord decision(ResultSet rs, int row) throws SQLException {
    return new DecisionRecord(rs.getInt("attempt"), rs.getString("task_key"), rs.getString("reviewer"),
        rs.getString("decision"), rs.getString("reason"), rs.getString("final_text"), rs.getString("rubric_json"),
        instant(rs, "task_created_at"), instant(rs, "decided_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }
}
