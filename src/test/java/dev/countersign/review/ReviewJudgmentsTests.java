package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Elements.ADJUDICATE_DRAFT;
import static dev.countersign.review.LlmOutputReview.Elements.PANEL_REVIEW;
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
import java.util.List;
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
  PanelReviews panels;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anApprovalOfChangedTextIsRecordedAsAnEditAndNamesTheFirstReviewer() {
    String request = request();
    Map<String, Object> variables = judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        "Open Settings, then Security.", Map.of("accuracy", 4, "clarity", 5)));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "edit", FIRST_REVIEWER, "reviewer",
        DRAFT, "Open Settings, then Security."));
    DecisionRecord recorded = records.decisions(request).get(0);
    assertThat(recorded.decision()).isEqualTo("edit");
    assertThat(recorded.reviewer()).isEqualTo("reviewer");
    assertThat(recorded.rubricJson()).contains("\"accuracy\":4", "\"clarity\":5").doesNotContain("safety");
  }

  @Test
  void aRejectionHandsTheRejectedDraftAndTheReasonToTheNextAttempt() {
    Map<String, Object> variables = judgments.decide(submission(request(), REVIEW_DRAFT, "reviewer", "reject",
        "Name the menu", "ignored", Map.of()));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "reject", REJECTED_DRAFT, GENERATED,
        REVIEW_FEEDBACK, "Name the menu"));
  }

  @Test
  void aSecondReviewConfirmsTheFirstReviewersTextAndCannotSwapInAnother() {
    String request = request();
    judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "Say where", "The first reviewer's text.",
        Map.of()));
    Map<String, Object> variables = judgments.decide(submission(request, SECOND_REVIEW, "reviewer2", "approve",
        null, "A text of the second reviewer's own", Map.of()));

    assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of(DECISION, "approve", DRAFT,
        "The first reviewer's text."));
  }

  @Test
  void refusesWhatTheRecordCouldNotStandBehindAndRecordsNothing() {
    String request = request();
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, null, "approve", null, GENERATED,
        Map.of()))).hasMessageContaining("Claim the task");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "requester", "approve", null,
        GENERATED, Map.of()))).hasMessageContaining("requester requested this review and may not review it");
    assertThat(judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null, GENERATED, Map.of())))
        .containsEntry(FIRST_REVIEWER, "reviewer");
    assertThatThrownBy(() -> judgments.decide(submission(request, SECOND_REVIEW, "reviewer", "approve", null,
        GENERATED, Map.of()))).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        GENERATED, Map.of("safety", 6)))).hasMessageContaining("'safety' must be between 1 and 5, not 6");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "maybe", null,
        GENERATED, Map.of()))).hasMessageContaining("not 'maybe'");
    assertThat(records.decisions(request)).as("only the first reviewer's approval").hasSize(1);
  }

  @Test
  void aPlaceholderCannotBeApprovedAsItIsButCanBeRewrittenOrRejected() {
    String request = request(Placeholders.MARK + " Please write the reply.]\n\nThank you for your message.");
    String placeholder = records.generatedText(request, 1);
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        placeholder, Map.of()))).hasMessageContaining("placeholder: no language model wrote it");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "Added a line",
        placeholder + " We open at nine.", Map.of()))).as("the mark is still in it")
        .hasMessageContaining("placeholder");
    assertThat(records.decisions(request)).isEmpty();

    assertThat(judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "Wrote the reply",
        "We open at nine.", Map.of()))).containsEntry(DECISION, "edit").containsEntry(DRAFT, "We open at nine.");
  }

  @Test
  void theTextToApproveIsScreenedAndPassesWithFindingsOnlyWhenConfirmedOnPurposeWithAReason() {
    String request = request();
    String withCard = "Pay with card 4111 1111 1111 1111 or write to jane@example.com.";
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "Added details",
        withCard, Map.of()))).hasMessageContaining("The text to approve has screening findings: ")
        .hasMessageContaining("card number ending 1111").hasMessageContaining("E-mail address");
    assertThatThrownBy(() -> judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null,
        withCard, Map.of(), true))).hasMessageContaining("needs a reason");
    assertThat(records.decisions(request)).isEmpty();

    assertThat(judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "The customer asked for these",
        withCard, Map.of(), true))).containsEntry(DRAFT, withCard);
    assertThat(jdbc.queryForObject("select details_json from cs_audit_event where chain = ? and event_type = "
        + "'findings.confirmed'", String.class, request)).contains("card number ending 1111")
        .contains("The customer asked for these").contains("\"task\":\"" + REVIEW_DRAFT + "\"");
  }

  @Test
  void aNewTaskShowsEarlierDecisionsWithWhoMadeThemAndTheSecondReviewerTheFirstOnesReasonAndEdits() {
    String request = request();
    assertThat(judgments.context(request, 1, REVIEW_DRAFT, GENERATED)).containsEntry(EARLIER_DECISIONS, null)
        .containsEntry(PLACEHOLDER_DRAFT, false);
    judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "edit", "Name the menu",
        "Reset it under Settings, then Security.", Map.of("accuracy", 2)));

    Map<String, Object> second = judgments.context(request, 1, SECOND_REVIEW,
        "Reset it under Settings, then Security.");
    assertThat(second).containsEntry(EARLIER_DECISIONS,
            "Draft 1, review: reviewer approved it with edits. Reason: Name the menu")
        .containsEntry(FIRST_REVIEWER_REASON, "Name the menu")
        .containsEntry(FIRST_REVIEWER_EDITS, "Reset it under [-Settings.-] {+Settings, then Security.+}");
    assertThat(judgments.context(request, 1, PANEL_REVIEW, GENERATED)).as("a seat sees nothing of its own draft")
        .containsEntry(EARLIER_DECISIONS, null);
    assertThat(judgments.context(request, 2, PANEL_REVIEW, GENERATED).get(EARLIER_DECISIONS)).as("but earlier drafts")
        .isNotNull();
  }

  @Test
  void aClaimIsRefusedToTheRecordedRequesterAndOnASecondReviewToTheRecordedApprover() {
    String request = request();
    assertThatThrownBy(() -> judgments.checkClaim(request, 1, REVIEW_DRAFT, "requester", List.of()))
        .hasMessageContaining("Separation of duties");
    judgments.decide(submission(request, REVIEW_DRAFT, "reviewer", "approve", null, GENERATED, Map.of()));
    assertThatThrownBy(() -> judgments.checkClaim(request, 1, SECOND_REVIEW, "reviewer", List.of()))
        .hasMessageContaining("Four eyes");
    assertThatCode(() -> judgments.checkClaim(request, 1, SECOND_REVIEW, "reviewer2", List.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> judgments.checkClaim(request, 1, REVIEW_DRAFT, null, List.of())).doesNotThrowAnyException();
  }

  @Test
  void eachPanelSeatGoesToADifferentPersonAndNoPanelMemberAdjudicates() {
    String request = request();
    assertThatThrownBy(() -> judgments.checkClaim(request, 1, PANEL_REVIEW, "reviewer", List.of("reviewer"))).as("holds another seat").hasMessageContaining("Distinct reviewers: reviewer");
    assertThat(judgments.decide(submission(request, PANEL_REVIEW, "reviewer", "approve", null, GENERATED,
        Map.of()))).as("a seat hands nothing to the process by itself").isEmpty();
    assertThatThrownBy(() -> judgments.decide(submission(request, PANEL_REVIEW, "reviewer", "reject", "No", null,
        Map.of()))).as("decided in another seat").hasMessageContaining("Distinct reviewers: reviewer");
    assertThatCode(() -> judgments.checkClaim(request, 1, PANEL_REVIEW, "reviewer2", List.of()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> judgments.checkClaim(request, 1, ADJUDICATE_DRAFT, "reviewer", List.of())).hasMessageContaining("Four eyes: reviewer sat on this draft's panel");
    assertThatCode(() -> judgments.checkClaim(request, 2, ADJUDICATE_DRAFT, "reviewer", List.of())).as("the next draft has a panel of its own").doesNotThrowAnyException();
  }

  @Test
  void aPanelAgreesOnlyWhenEveryMemberDecidedAlike() {
    String agreed = request();
    decideInPanel(agreed, "reviewer", "approve", null, GENERATED);
    decideInPanel(agreed, "reviewer2", "approve", null, "Reset  it under   Settings.");
    assertThat(panels.assess(agreed, 1)).as("whitespace aside, the same text")
        .containsEntry(PANEL_AGREED, true).containsEntry(DECISION, "approve").containsEntry(DRAFT, GENERATED)
        .containsEntry(FIRST_REVIEWER, "reviewer");

    String rejected = request();
    decideInPanel(rejected, "reviewer", "reject", "Name the menu", null);
    decideInPanel(rejected, "reviewer2", "reject", "Too short", null);
    assertThat(panels.assess(rejected, 1)).containsEntry(PANEL_AGREED, true)
        .containsEntry(DECISION, "reject").containsEntry(REJECTED_DRAFT, GENERATED)
        .containsEntry(REVIEW_FEEDBACK, "Name the menu\nToo short");

    String split = request();
    decideInPanel(split, "reviewer", "approve", null, GENERATED);
    decideInPanel(split, "reviewer2", "approve", null, "Open Settings, then Security.");
    decideInPanel(split, "demo", "reject", "Wrong menu", null);
    Map<String, Object> disagreed = panels.assess(split, 1);
    assertThat(disagreed).containsEntry(PANEL_AGREED, false).doesNotContainKey(DECISION);
    assertThat((String) disagreed.get(PANEL_DECISIONS)).isEqualTo("reviewer: approve\n"
        + "reviewer2: edit → Open Settings, then Security.\ndemo: reject (Wrong menu)");
  }

  private void decideInPanel(String request, String reviewer, String decision, String reason, String draft) {
    judgments.decide(submission(request, PANEL_REVIEW, reviewer, decision, reason, draft, Map.of()));
  }

  private String request() {
    return request(GENERATED);
  }

  private String request(String generated) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', 'support', 'low', 'How do I reset my password?', 'requester', ?)",
        id, Timestamp.from(Instant.now()));
    // The draft as the model wrote it, which decisions compare with and a rejection hands on, is read from here.
    records.insertDraft(id, generated, "offline", "v1", null, null, "[]");
    return id;
  }

  /** The first reviewer is "reviewer" on a second review; the requester is always "requester"; draft 1 is GENERATED. */
  private static ReviewJudgments.Submission submission(String request, String taskKey, String assignee,
      String decision, String reason, String draft, Map<String, Object> rubric) {
    return submission(request, taskKey, assignee, decision, reason, draft, rubric, false);
  }

  /** As the task of {@code taskKey} holds it; who requested and who approved come from the records. */
  private static ReviewJudgments.Submission submission(String request, String taskKey, String assignee,
      String decision, String reason, String draft, Map<String, Object> rubric, boolean confirmFindings) {
    return new ReviewJudgments.Submission(request, 1, UUID.randomUUID().toString(), taskKey, assignee, assignee,
        decision, reason, draft, new HashMap<>(rubric), confirmFindings, Instant.now().minusSeconds(60),
        Instant.now().minusSeconds(30));
  }
}
