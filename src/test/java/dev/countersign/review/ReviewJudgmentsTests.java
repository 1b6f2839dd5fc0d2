package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Elements.REVIEW_DRAFT;
import static dev.countersign.review.LlmOutputReview.Elements.SECOND_REVIEW;
import static dev.countersign.review.LlmOutputReview.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.StoreTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a review decision records and hands on to the process, and what it refuses, without the engine. */
@StoreTest
class ReviewJudgmentsTests {

  private static final String GENERATED = "Reset it under Settings.";

  @Autowired
  ReviewJudgments judgments;
  @Autowired
  ReviewRecords records;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anApprovalOfChangedTextIsRecordedAsAnEditAndNamesTheFirstReviewer() {
    String request = request();
    Map<String, Object> variables = judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        "Open Settings, then Security.", null, Map.of("accuracy", 4, "clarity", 5)));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "edit", FIRST_REVIEWER, "reviewer",
        APPROVED_TEXT, "Open Settings, then Security."));
    DecisionRecord recorded = records.decisions(request).get(0);
    assertThat(recorded.decision()).isEqualTo("edit");
    assertThat(recorded.reviewer()).isEqualTo("reviewer");
    assertThat(recorded.rubricJson()).contains("\"accuracy\":4", "\"clarity\":5").doesNotContain("safety");
  }

  @Test
  void aRejectionHandsTheRejectedDraftAndTheReasonToTheNextAttempt() {
    Map<String, Object> variables = judgments.decide(submission(request(), REVIEW_DRAFT, "reviewer", "reject",
        "Name the menu", "ignored", null, Map.of()));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "reject", REJECTED_DRAFT, GENERATED,
        REVIEW_FEEDBACK, "Name the menu"));
  }

  @Test
  void aSecondReviewConfirmsTheFirstReviewersTextAndCannotSwapInAnother() {
    Map<String, Object> variables = judgments.decide(submission(request(), SECOND_REVIEW, "reviewer2", "approve",
        null, "A text of the second reviewer's own", "The first reviewer's text.", Map.of()));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "approve", DRAFT,
        "The first reviewer's text."));
  }

  @Test
  void refusesWhatTheRecordCouldNotStandBehindAndRecordsNothing() {
    String request = request();
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, null, "approve", null, GENERATED,
        null, Map.of()))).hasMessageContaining("Claim the task");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "requester", "approve", null,
        GENERATED, null, Map.of()))).hasMessageContaining("requester requested this review and may not review it");
    assertThatThrownBy(() -> judgments.decide(submission(request, SECOND_REVIEW, "reviewer", "approve", null,
        GENERATED, GENERATED, Map.of()))).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        GENERATED, null, Map.of("safety", 6)))).hasMessageContaining("'safety' must be between 1 and 5, not 6");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "maybe", null,
        GENERATED, null, Map.of()))).hasMessageContaining("not 'maybe'");
    assertThat(records.decisions(request)).isEmpty();
  }

  @Test
  void aClaimIsRefusedToTheRequesterAndOnASecondReviewToTheFirstReviewer() {
    assertThatThrownBy(() -> judgments.checkClaim(REVIEW_DRAFT, "requester", "requester", null))
        .hasMessageContaining("Separation of duties");
    assertThatThrownBy(() -> judgments.checkClaim(SECOND_REVIEW, "reviewer", "requester", "reviewer"))
        .hasMessageContaining("Four eyes");
    assertThatCode(() -> judgments.checkClaim(SECOND_REVIEW, "reviewer2", "requester", "reviewer"))
        .doesNotThrowAnyException();
    assertThatCode(() -> judgments.checkClaim(REVIEW_DRAFT, null, "requester", null)).doesNotThrowAnyException();
  }

  private String request() {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', 'support', 'low', 'How do I reset my password?', 'requester', ?)",
        id, Timestamp.from(Instant.now()));
    return id;
  }

  /** The first reviewer is "reviewer" on a second review; the requester is always "requester". */
  private static ReviewJudgments.Submission submission(String request, String taskKey, String assignee,
      String decision, String reason, String draft, String approvedText, Map<String, Object> rubric) {
    String firstReviewer = SECOND_REVIEW.equals(taskKey) ? "reviewer" : null;
    return new ReviewJudgments.Submission(request, 1, UUID.randomUUID().toString(), taskKey, assignee, assignee,
        "requester", firstReviewer, decision, reason, draft, GENERATED, approvedText, new HashMap<>(rubric),
        Instant.now().minusSeconds(60), Instant.now().minusSeconds(30));
  }
}
