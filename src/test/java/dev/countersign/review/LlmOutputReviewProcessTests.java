package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Elements.*;
import static dev.countersign.review.LlmOutputReview.Variables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import dev.countersign.EarnedRouting;
import dev.countersign.ProcessTest;
import dev.countersign.generation.Draft;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.screening.Finding;
import dev.countersign.screening.JudgeScore;
import dev.countersign.screening.Screening;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One test per path of llm-output-review, against the real engine, DMN, listeners and feedback
 * store. The LLM workers' results are supplied by hand here; the workers have their own tests.
 * The job executor and workers are off, so every step is explicit.
 */
@ProcessTest
class LlmOutputReviewProcessTests {

  private static final CorrectionMemory.Recall NO_MEMORIES = new CorrectionMemory.Recall(List.of(), List.of());

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  /** A routing version with faq-answer/low earned AUTO, deployed by the tests that need one. */
  private String earnedRouting;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void dropEarnedRouting() {
    if (earnedRouting != null) {
      engine.getRepositoryService().deleteDeployment(earnedRouting, true);
      earnedRouting = null;
    }
  }

  private void earnAutomation() {
    earnedRouting = EarnedRouting.deploy(engine.getRepositoryService(), "faq-answer", "low", 0.1);
  }

  @Test
  void shouldApproveDraftAsIs() {
    ProcessInstance pi = start("customer-support", "medium");
    assertThat(pi).hasPassed(START_REVIEW_REQUESTED, ROUTE_REQUEST).isWaitingAt(GENERATE_DRAFT)
        .hasVariables(REVIEW_MODE, REVIEWER_GROUP, REVIEW_SLA, MAX_ATTEMPTS, AUDIT_SAMPLE_RATE);
    generate(pi, 1, "Reset it under Settings.");
    screen(pi, false, false, 0.2);

    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    assertThat(task()).hasCandidateGroup(Roles.REVIEWERS);
    claim(task(pi), "reviewer2");
    engine.getTaskService().setAssignee(task(pi).getId(), null);
    decide(pi, "reviewer", "approve", null, "Reset it under Settings.");

    assertThat(pi).hasPassed(RECORD_FEEDBACK, END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("OUTCOME", "APPROVED").containsEntry("DECISION", "approve")
        .containsEntry("REVIEWER", "reviewer").containsEntry("FINAL_TEXT", "Reset it under Settings.");
    Assertions.assertThat(feedback(pi).get("CONTENT_HASH")).as("for dataset deduplication").isNotNull();
    Assertions.assertThat(feedback(pi).get("HELD_OUT")).as("the evaluation split, drawn at write time").isNotNull();
    Assertions.assertThat(jdbc.queryForMap("select claimed_at, task_created_at from cs_review_decision where request_id = ?",
        pi.getBusinessKey())).as("time on task runs from the claim").doesNotContainValue(null);
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, pi.getBusinessKey())).containsExactly("request.received", "draft.generated", "draft.screened",
        "task.created", "task.claimed", "task.unclaimed", "task.claimed", "task.completed", "outcome.recorded");
  }

  @Test
  void shouldRecordChangedTextAsEdit() {
    ProcessInstance pi = start("customer-support", "medium");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "approve", "Too short", "Open Settings, then Security, then Reset password.");

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("DECISION", "edit")
        .containsEntry("FINAL_TEXT", "Open Settings, then Security, then Reset password.");
  }

  @Test
  void shouldRedraftWithFeedbackAfterRejectionThenApprove() {
    ProcessInstance pi = start("customer-support", "medium");
    generate(pi, 1, "Wrong answer.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "reject", "It does not answer the question", null);

    assertThat(pi).isWaitingAt(GENERATE_DRAFT)
        .variables().containsEntry(REJECTED_DRAFT, "Wrong answer.").containsEntry(REVIEW_FEEDBACK, "It does not answer the question");
    generate(pi, 2, "Right answer.");
    screen(pi, false, false, 0.95);
    // A redraft after a rejection goes back to a person even where auto-approval could apply.
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    decide(pi, "reviewer2", "approve", null, "Right answer.");

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("ATTEMPTS", 2).containsEntry("REVIEWER", "reviewer2");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from cs_review_decision where request_id = ?", Integer.class,
        pi.getBusinessKey())).isEqualTo(2);
  }

  @Test
  void shouldSendToComplianceWhenAttemptsAreExhaustedAndApprove() {
    ProcessInstance pi = exhaustAttempts();
    assertThat(pi).isWaitingAt(COMPLIANCE_DECISION);
    assertThat(task()).hasCandidateGroup(Roles.COMPLIANCE);
    decide(pi, "compliance", "edit", "Fixed it myself", "A corrected answer.");

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("OUTCOME", "APPROVED").containsEntry("REVIEWER", "compliance");
  }

  @Test
  void shouldRejectRequestWhenComplianceRejects() {
    ProcessInstance pi = exhaustAttempts();
    decide(pi, "compliance", "reject", "Out of scope for this channel", null);

    assertThat(pi).hasPassed(END_DRAFT_REJECTED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("OUTCOME", "REJECTED").containsEntry("FINAL_TEXT", null)
        .containsEntry("REASON", "Out of scope for this channel");
  }

  @Test
  void shouldEscalateOverdueReviewToSeniorReviewers() {
    ProcessInstance pi = start("customer-support", "medium");
    generate(pi, 1, "A draft.");
    screen(pi, false, false, 0.2);
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    // The SLA comes from the routing table: PT4H for medium risk.
    Assertions.assertThat(Duration.between(Instant.now(), job().getDuedate().toInstant()))
        .isBetween(Duration.ofHours(4).minusMinutes(1), Duration.ofHours(4));

    execute(job());

    assertThat(pi).hasPassed(REVIEW_OVERDUE).isWaitingAt(ESCALATED_REVIEW);
    assertThat(task()).hasCandidateGroup(Roles.SENIOR_REVIEWERS);
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, pi.getBusinessKey()))
        .endsWith("task.created", "task.cancelled", "task.escalated", "task.created");
    decide(pi, "senior", "approve", null, "A draft.");
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
  }

  @Test
  void shouldRedraftWhenTheEscalatedReviewRejects() {
    ProcessInstance pi = start("customer-support", "medium");
    generate(pi, 1, "A draft.");
    screen(pi, false, false, 0.2);
    execute(job());
    assertThat(pi).isWaitingAt(ESCALATED_REVIEW);

    decide(pi, "senior", "reject", "Name the menu the customer needs", null);

    assertThat(pi).hasPassed(ESCALATED_REVIEW).isWaitingAt(GENERATE_DRAFT);
    assertThat(pi).variables().containsEntry(REVIEW_FEEDBACK, "Name the menu the customer needs")
        .containsEntry(REJECTED_DRAFT, "A draft.");
    generate(pi, 2, "Open Settings, then Security.");
    screen(pi, false, false, 0.2);
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    assertThat(task()).hasCandidateGroup(Roles.REVIEWERS);
    decide(pi, "reviewer", "approve", null, "Open Settings, then Security.");
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("OUTCOME", "APPROVED").containsEntry("ATTEMPTS", 2);
    Assertions.assertThat(jdbc.queryForList("select reviewer || ':' || decision from cs_review_decision "
        + "where request_id = ? order by id", String.class, pi.getBusinessKey()))
        .containsExactly("senior:reject", "reviewer:approve");
  }

  @Test
  void shouldAutoApproveRoutineCleanDraft() {
    earnAutomation();
    ProcessInstance pi = start("faq-answer", "low");
    engine.getRuntimeService().setVariable(pi.getId(), AUDIT_DRAW, 0.5);
    generate(pi, 1, "Our opening hours are 9 to 5.");
    screen(pi, false, false, 0.95);

    assertThat(pi).hasPassed(CHECK_AUTO_APPROVAL, RECORD_FEEDBACK, END_DRAFT_APPROVED).hasNotPassed(REVIEW_DRAFT).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("DECISION", "auto").containsEntry("REVIEWER", "system");
  }

  @Test
  void shouldWithholdAutoApprovalWhileAutomationIsHalted() {
    earnAutomation();
    // As PUT /api/oversight/automation leaves it; that endpoint has its own test.
    jdbc.update("insert into cs_oversight_setting (name, setting, reason, changed_by, changed_at) "
        + "values ('automation', 'halted', 'Incident review', 'compliance', current_timestamp)");
    try {
      ProcessInstance pi = start("faq-answer", "low");
      engine.getRuntimeService().setVariable(pi.getId(), AUDIT_DRAW, 0.5);
      generate(pi, 1, "Our opening hours are 9 to 5.");
      screen(pi, false, false, 0.95);

      assertThat(pi).hasPassed(CHECK_AUTO_APPROVAL).isWaitingAt(REVIEW_DRAFT).variables()
          .containsEntry(AUTO_APPROVE, false);
      Assertions.assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), FINDINGS_SUMMARY))
          .startsWith("- Automation is halted");
      Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ?", String.class,
          pi.getBusinessKey())).contains("auto-approval.withheld");
      decide(pi, "reviewer", "approve", null, "Our opening hours are 9 to 5.");
      Assertions.assertThat(feedback(pi)).containsEntry("DECISION", "approve").containsEntry("REVIEWER", "reviewer");
    } finally {
      jdbc.update("delete from cs_oversight_setting where name = 'automation'");
    }
  }

  @Test
  void shouldSendRoutineDraftToReviewWhenDrawnForAudit() {
    earnAutomation();
    ProcessInstance pi = start("faq-answer", "low");
    engine.getRuntimeService().setVariable(pi.getId(), AUDIT_DRAW, 0.05);
    generate(pi, 1, "Our opening hours are 9 to 5.");
    screen(pi, false, false, 0.95);
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
  }

  @Test
  void shouldSendRoutineDraftWithPiiToReview() {
    earnAutomation();
    ProcessInstance pi = start("faq-answer", "low");
    engine.getRuntimeService().setVariable(pi.getId(), AUDIT_DRAW, 0.5);
    generate(pi, 1, "Write to jane@example.com");
    screen(pi, true, false, 0.95);
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
  }

  @Test
  void shouldHaveHighRiskApprovalConfirmedByASecondReviewer() {
    ProcessInstance pi = start("customer-support", "high");
    assertThat(pi).variables().containsEntry(REVIEW_MODE, "FOUR_EYES");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "edit", "Be precise", "Open Settings, then Security, then Reset password.");

    assertThat(pi).hasPassed(REVIEW_DRAFT).isWaitingAt(SECOND_REVIEW);
    assertThat(task()).hasCandidateGroup(Roles.REVIEWERS);
    assertThat(pi).variables().containsEntry(FIRST_REVIEWER, "reviewer");
    decide(pi, "reviewer2", "approve", null, "A text the second reviewer may not swap in.");

    assertThat(pi).hasPassed(SECOND_REVIEW, END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("DECISION", "edit").containsEntry("REVIEWER", "reviewer")
        .containsEntry("FINAL_TEXT", "Open Settings, then Security, then Reset password.");
    Assertions.assertThat(jdbc.queryForList("select reviewer from cs_review_decision where request_id = ? order by id",
        String.class, pi.getBusinessKey())).containsExactly("reviewer", "reviewer2");
  }

  @Test
  void shouldRedraftWhenTheSecondReviewerRejects() {
    ProcessInstance pi = start("customer-support", "high");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "approve", null, "Reset it.");
    decide(pi, "reviewer2", "reject", "Too terse for a high-risk answer", null);

    assertThat(pi).hasPassed(SECOND_REVIEW).isWaitingAt(GENERATE_DRAFT)
        .variables().containsEntry(REJECTED_DRAFT, "Reset it.").containsEntry(REVIEW_FEEDBACK, "Too terse for a high-risk answer");
    // The external-task helpers fetch by topic, so no instance may be left waiting at one.
    generate(pi, 2, "Open Settings, then Security, then Reset password.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer2", "approve", null, "Open Settings, then Security, then Reset password.");
    decide(pi, "reviewer", "approve", null, null);
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("ATTEMPTS", 2).containsEntry("REVIEWER", "reviewer2");
  }

  @Test
  void shouldRefuseTheSecondReviewToWhoeverApprovedTheDraft() {
    ProcessInstance pi = start("customer-support", "high");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "approve", null, "Reset it.");
    assertThat(pi).isWaitingAt(SECOND_REVIEW);

    assertThatThrownBy(() -> claim(task(pi), "reviewer")).hasMessageContaining("Four eyes: reviewer approved this draft");
    Assertions.assertThat(task(pi).getAssignee()).isNull();
    // Claimed by someone else, then completed while logged in as the first reviewer: refused too.
    claim(task(pi), "reviewer2");
    engine.getIdentityService().setAuthentication("reviewer", List.of("reviewers"));
    try {
      assertThatThrownBy(() -> complete(task(pi), withVariables(DECISION, "approve")))
          .hasMessageContaining("Four eyes: reviewer approved this draft");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(pi).isWaitingAt(SECOND_REVIEW);
  }

  @Test
  void shouldRefuseAReviewToItsRequester() {
    engine.getIdentityService().setAuthentication("demo", List.of("camunda-admin"));
    ProcessInstance pi;
    try {
      pi = start("customer-support", "medium");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    generate(pi, 1, "A draft.");
    screen(pi, false, false, 0.2);

    assertThatThrownBy(() -> claim(task(pi), "demo")).hasMessageContaining("demo requested this review and may not review it");
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    Assertions.assertThat(task(pi).getAssignee()).isNull();
  }

  @Test
  void shouldHideModelAndJudgeFromABlindReviewer() {
    ProcessInstance pi = start("hiring", "medium");
    assertThat(pi).variables().containsEntry(BLIND_REVIEW, true);
    generate(pi, 1, "We will reply to every applicant within ten days.");
    screen(pi, false, false, 0.42);

    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    Map<String, Object> seen = engine.getTaskService().getVariables(task(pi).getId());
    Assertions.assertThat(seen).containsEntry(DRAFT_MODEL, "hidden (blind review)").containsEntry(JUDGE_SCORE, null)
        .containsEntry(FINDINGS_SUMMARY, "No findings.");
    decide(pi, "reviewer", "approve", null, "We will reply to every applicant within ten days.");
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).as("the record keeps what the reviewer did not see")
        .containsEntry("MODEL", "test-model");
  }

  @Test
  void shouldShowModelAndJudgeOutsideBlindReview() {
    ProcessInstance pi = start("customer-support", "medium");
    assertThat(pi).variables().containsEntry(BLIND_REVIEW, false);
    generate(pi, 1, "A draft.");
    screen(pi, false, false, 0.42);
    Map<String, Object> seen = engine.getTaskService().getVariables(task(pi).getId());
    Assertions.assertThat(seen).containsEntry(DRAFT_MODEL, "test-model").containsEntry(JUDGE_SCORE, 0.42);
    decide(pi, "reviewer", "approve", null, "A draft.");
  }

  @Test
  void shouldRefuseRejectionWithoutReasonAndKeepTaskOpen() {
    ProcessInstance pi = start("customer-support", "medium");
    generate(pi, 1, "A draft.");
    screen(pi, false, false, 0.2);
    claim(task(), "reviewer");

    assertThatThrownBy(() -> complete(task(), withVariables(DECISION, "reject")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("A rejection needs a reason");
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    Assertions.assertThat(jdbc.queryForObject("select count(*) from cs_review_decision where request_id = ?", Integer.class,
        pi.getBusinessKey())).isZero();
  }

  @Test
  void shouldRefuseRequestWithoutInput() {
    Map<String, Object> variables = Map.of(USE_CASE, "customer-support", INPUT, " ", RISK_TIER, "medium");
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getRuntimeService()
        .startProcessInstanceByKey(LlmOutputReview.PROCESS_KEY, UUID.randomUUID().toString(), variables))
        .hasMessageContaining("input is required");
    Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void shouldApproveWhatAPanelAgreedOnWithoutOneSeeingAnothersDecision() {
    ProcessInstance pi = start("policy", "medium");
    generate(pi, 1, "Refunds take 14 days.");
    screen(pi, false, false, 0.95);

    assertThat(pi).isWaitingAt(PANEL_REVIEW).variables().containsEntry(REVIEW_MODE, "PANEL").containsEntry(PANEL_SIZE, 3);
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()).hasSize(3)
        .allSatisfy(seat -> assertThat(seat).hasCandidateGroup(Roles.REVIEWERS));
    seat(pi, "reviewer", "approve", null, "Refunds take 14 days after we receive the item.");
    String next = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskUnassigned().list().get(0)
        .getId();
    Assertions.assertThat(engine.getTaskService().getVariable(next, DRAFT)).as("another seat's edit is not shown")
        .isEqualTo("Refunds take 14 days.");
    Assertions.assertThat(engine.getTaskService().getVariable(next, DECISION)).isNull();
    assertThatThrownBy(() -> claim(engine.getTaskService().createTaskQuery().taskId(next).singleResult(), "reviewer"))
        .hasMessageContaining("Distinct reviewers: reviewer already reviews this draft");
    seat(pi, "reviewer2", "approve", null, "Refunds take 14 days after we receive the item.");
    seat(pi, "demo", "edit", null, "Refunds take  14 days after we receive the item.");
    execute(job(pi));

    assertThat(pi).hasPassed(ASSESS_PANEL, END_DRAFT_APPROVED).hasNotPassed(REVIEW_DRAFT, ADJUDICATE_DRAFT).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("DECISION", "edit")
        .containsEntry("FINAL_TEXT", "Refunds take 14 days after we receive the item.");
    Assertions.assertThat(jdbc.queryForList("select reviewer from cs_review_decision where request_id = ? order by id",
        String.class, pi.getBusinessKey())).containsExactly("reviewer", "reviewer2", "demo");
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, pi.getBusinessKey())).contains("panel.assessed");
  }

  @Test
  void shouldRedraftWhenThePanelRejectsAlike() {
    ProcessInstance pi = start("policy", "low");
    generate(pi, 1, "Refunds are instant.");
    screen(pi, false, false, 0.95);
    seat(pi, "reviewer", "reject", "Not true", null);
    seat(pi, "reviewer2", "reject", "Wrong period", null);
    seat(pi, "demo", "reject", "They take 14 days", null);
    execute(job(pi));

    assertThat(pi).isWaitingAt(GENERATE_DRAFT).variables().containsEntry(DECISION, "reject")
        .containsEntry(REVIEW_FEEDBACK, "Not true\nWrong period\nThey take 14 days")
        .containsEntry(REJECTED_DRAFT, "Refunds are instant.");
    generate(pi, 2, "Refunds take 14 days.");
    screen(pi, false, false, 0.95);
    for (String reviewer : List.of("reviewer", "reviewer2", "demo")) {
      seat(pi, reviewer, "approve", null, "Refunds take 14 days.");
    }
    execute(job(pi));
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
  }

  @Test
  void shouldSendADividedPanelToASeniorReviewerWhoSatOnNoSeat() {
    ProcessInstance pi = start("policy", "medium");
    generate(pi, 1, "Refunds take 14 days.");
    screen(pi, false, false, 0.95);
    seat(pi, "reviewer", "approve", null, "Refunds take 14 days.");
    seat(pi, "reviewer2", "reject", "Say from when", null);
    seat(pi, "demo", "approve", null, "Refunds take 14 days.");
    execute(job(pi));

    assertThat(pi).isWaitingAt(ADJUDICATE_DRAFT).variables().containsEntry(PANEL_AGREED, false);
    assertThat(task(pi)).hasCandidateGroup(Roles.SENIOR_REVIEWERS);
    Assertions.assertThat((String) engine.getTaskService().getVariable(task(pi).getId(), PANEL_DECISIONS))
        .isEqualTo("reviewer: approve\nreviewer2: reject (Say from when)\ndemo: approve");
    assertThatThrownBy(() -> claim(task(pi), "demo")).hasMessageContaining("Four eyes: demo sat on this draft's panel");
    decide(pi, "senior", "approve", "From receipt, as reviewer2 asked", "Refunds take 14 days from receipt.");

    assertThat(pi).hasPassed(ADJUDICATE_DRAFT, END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("REVIEWER", "senior").containsEntry("DECISION", "edit");
  }

  @Test
  void shouldHandAnOverduePanelToASeniorReviewer() {
    ProcessInstance pi = start("policy", "medium");
    generate(pi, 1, "Refunds take 14 days.");
    screen(pi, false, false, 0.95);
    seat(pi, "reviewer", "approve", null, "Refunds take 14 days.");

    execute(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult());
    assertThat(pi).hasPassed(PANEL_OVERDUE).isWaitingAt(ADJUDICATE_DRAFT);
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count())
        .as("the open seats closed").isEqualTo(1);
    assertThatThrownBy(() -> claim(task(pi), "reviewer")).hasMessageContaining("sat on this draft's panel");
    decide(pi, "senior", "approve", null, "Refunds take 14 days.");
    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, pi.getBusinessKey())).contains("task.escalated");
  }

  @Test
  void shouldOpenEachReviewFormWithNoEarlierJudgmentAndShowWhoDecidedWhatReadOnly() {
    ProcessInstance pi = start("customer-support", "high");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    assertOpensEmpty(pi, REVIEW_DRAFT, "Reset it.");
    decide(pi, "reviewer", "edit", "Be precise", "Open Settings, then Reset password.", Map.of(RUBRIC_ACCURACY, 2));

    Map<String, Object> second = assertOpensEmpty(pi, SECOND_REVIEW, "Open Settings, then Reset password.");
    Assertions.assertThat(second).containsEntry(FIRST_REVIEWER, "reviewer").containsEntry(FIRST_REVIEWER_REASON, "Be precise")
        .containsEntry(FIRST_REVIEWER_EDITS, "{+Open Settings, then+} Reset [-it.-] {+password.+}")
        .containsEntry(EARLIER_DECISIONS, "Draft 1, review: reviewer approved it with edits. Reason: Be precise");
    decide(pi, "reviewer2", "reject", "Name the menu", null, Map.of(RUBRIC_SAFETY, 1));

    generate(pi, 2, "Open Settings, then Security.");
    screen(pi, false, false, 0.2);
    Map<String, Object> redraft = assertOpensEmpty(pi, REVIEW_DRAFT, "Open Settings, then Security.");
    Assertions.assertThat((String) redraft.get(EARLIER_DECISIONS)).isEqualTo(
        "Draft 1, review: reviewer approved it with edits. Reason: Be precise\n"
        + "Draft 1, second review: reviewer2 rejected it. Reason: Name the menu");
    decide(pi, "reviewer", "reject", "Still vague", null, Map.of(RUBRIC_CLARITY, 2));

    assertThat(pi).isWaitingAt(COMPLIANCE_DECISION);
    Assertions.assertThat((String) assertOpensEmpty(pi, COMPLIANCE_DECISION, "Open Settings, then Security.")
        .get(EARLIER_DECISIONS)).endsWith("Draft 2, review: reviewer rejected it. Reason: Still vague");
    decide(pi, "compliance", "approve", null, "Open Settings, then Security.");

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(jdbc.queryForList("select reviewer || ':' || coalesce(reason, '-') || ':' || "
        + "coalesce(rubric_json, '-') from cs_review_decision where request_id = ? order by id", String.class,
        pi.getBusinessKey())).as("each record holds only what its person submitted").containsExactly(
        "reviewer:Be precise:{\"accuracy\":2}", "reviewer2:Name the menu:{\"safety\":1}",
        "reviewer:Still vague:{\"clarity\":2}", "compliance:-:-");
    Assertions.assertThat(completedEntries(pi)).last().asString().contains("\"by\":\"compliance\"")
        .contains("\"reason\":null").doesNotContain("Still vague").doesNotContain("\"clarity\":2");
    Assertions.assertThat(feedback(pi)).containsEntry("REVIEWER", "compliance").containsEntry("REASON", null);
  }

  @Test
  void shouldCreditASecondReviewerWhoGaveNoReasonWithNone() {
    ProcessInstance pi = start("customer-support", "high");
    generate(pi, 1, "Reset it.");
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer", "edit", "Be precise", "Open Settings, then Reset password.", Map.of(RUBRIC_ACCURACY, 4));
    decide(pi, "reviewer2", "approve", null, null);

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(jdbc.queryForMap("select reason, rubric_json from cs_review_decision where request_id = ? "
        + "and reviewer = 'reviewer2'", pi.getBusinessKey())).containsEntry("REASON", null).containsEntry("RUBRIC_JSON", null);
    Assertions.assertThat(completedEntries(pi)).hasSize(2).last().asString().contains("\"by\":\"reviewer2\"")
        .contains("\"reason\":null").doesNotContain("Be precise");
    Assertions.assertThat(feedback(pi)).as("the text is the first reviewer's, with their reason")
        .containsEntry("REVIEWER", "reviewer").containsEntry("REASON", "Be precise");
  }

  @Test
  void shouldOpenAnEscalatedReviewAndAnAdjudicationWithNoEarlierJudgment() {
    ProcessInstance escalated = start("customer-support", "medium");
    generate(escalated, 1, "A draft.");
    screen(escalated, false, false, 0.2);
    decide(escalated, "reviewer", "reject", "Say where", null, Map.of(RUBRIC_ACCURACY, 1));
    generate(escalated, 2, "Open Settings.");
    screen(escalated, false, false, 0.2);
    execute(job(escalated));
    assertOpensEmpty(escalated, ESCALATED_REVIEW, "Open Settings.");
    decide(escalated, "senior", "approve", null, "Open Settings.");

    ProcessInstance panel = start("policy", "medium");
    generate(panel, 1, "Refunds take 14 days.");
    screen(panel, false, false, 0.95);
    seat(panel, "reviewer", "approve", null, "Refunds take 14 days.");
    seat(panel, "reviewer2", "reject", "Say from when", null);
    seat(panel, "demo", "approve", null, "Refunds take 14 days.");
    execute(job(panel));
    assertOpensEmpty(panel, ADJUDICATE_DRAFT, "Refunds take 14 days.");
    decide(panel, "senior", "approve", null, "Refunds take 14 days.");
    assertThat(panel).isEnded();
  }

  @Test
  void shouldRefuseToApproveThePlaceholderAsItIsAndNeverLearnIt() {
    ProcessInstance pi = start("customer-support", "medium");
    String placeholder = Placeholders.MARK + " no approved answer to a similar request. Please write the reply.]\n\n"
        + "Thank you for your message.";
    generate(pi, 1, placeholder);
    screen(pi, false, true, 0.9);
    Assertions.assertThat(engine.getTaskService().getVariable(task(pi).getId(), PLACEHOLDER_DRAFT)).isEqualTo(true);

    assertThatThrownBy(() -> decide(pi, "reviewer", "approve", null, null))
        .hasMessageContaining("This draft is a placeholder");
    assertThat(pi).isWaitingAt(REVIEW_DRAFT);
    complete(task(pi), withVariables(DECISION, "edit", REASON, "Wrote the reply", DRAFT, "Reset it under Settings."));

    assertThat(pi).hasPassed(END_DRAFT_APPROVED).isEnded();
    Assertions.assertThat(feedback(pi)).containsEntry("FINAL_TEXT", "Reset it under Settings.")
        .containsEntry("PLACEHOLDER", false);
  }

  @Test
  void shouldRouteNothingToAutoInTheShippedRoutingTable() throws Exception {
    DmnModelInstance shipped = Dmn.readModelFromFile(new java.io.File("processes/review-routing.dmn"));
    DecisionTable table = shipped.getModelElementById("DecisionTable_ReviewRouting");
    int mode = table.getOutputs().stream().map(Output::getName).toList().indexOf(REVIEW_MODE);
    Assertions.assertThat(table.getRules()).isNotEmpty().allSatisfy(rule -> Assertions.assertThat(
        new ArrayList<>(rule.getOutputEntries()).get(mode).getTextContent()).as(rule.getId()).doesNotContain("AUTO"));
    for (String useCase : List.of("faq-answer", "customer-support", "hiring", "policy", "anything")) {
      for (String tier : List.of("low", "medium", "high")) {
        String routed = engine.getDecisionService().evaluateDecisionTableByKey(LlmOutputReview.ROUTING_DECISION,
            Map.of(USE_CASE, useCase, RISK_TIER, tier)).getSingleResult().getEntry(REVIEW_MODE);
        Assertions.assertThat(routed).as("%s/%s", useCase, tier).isNotEqualTo("AUTO");
      }
    }
  }

  @Test
  void shouldRetireAMemoryThatWasOfferedAgainAndCorrected() {
    ProcessInstance learned = start("customer-support", "medium");
    generate(learned, 1, "Reset it under Settings.");
    screen(learned, false, false, 0.2);
    decide(learned, "reviewer", "approve", null, "Reset it under Settings.");

    ProcessInstance pi = start("customer-support", "medium");
    CorrectionMemory.Recall offered = new CorrectionMemory.Recall(List.of(new CorrectionMemory.Approved(
        learned.getBusinessKey(), "How do I reset my password?", "Reset it under Settings.", 0.97, 0.9, 0.9)), List.of());
    assertThat(pi).isWaitingAt(GENERATE_DRAFT);
    complete(externalTask(pi), new Draft("Reset it  under Settings.", "test-model", "draft-v1", 40, 12, offered)
        .variables());
    screen(pi, false, false, 0.2);
    decide(pi, "reviewer2", "edit", "The menu moved", "Reset it under Account, then Security.");

    Assertions.assertThat(jdbc.queryForObject("select retired_by from cs_feedback where request_id = ?", String.class,
        learned.getBusinessKey())).isEqualTo(pi.getBusinessKey());
    for (String chain : List.of(learned.getBusinessKey(), pi.getBusinessKey())) {
      Assertions.assertThat(jdbc.queryForObject("select details_json from cs_audit_event where chain = ? and "
          + "event_type = 'memory.retired'", String.class, chain)).contains(learned.getBusinessKey())
          .contains("\"decision\":\"edit\"").contains("The menu moved");
    }
    Assertions.assertThat(jdbc.queryForObject("select count(*) from cs_memory_change where request_id = ?", Long.class,
        learned.getBusinessKey())).as("recorded, then retired: every index learns of both").isEqualTo(2);
  }

  /** What the form of the task at {@code element} opens with: no decision, reason, rubric or confirmation. */
  private Map<String, Object> assertOpensEmpty(ProcessInstance pi, String element, String draft) {
    org.camunda.bpm.engine.task.Task open = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(element).list().get(0);
    Map<String, Object> form = engine.getFormService().getTaskFormVariables(open.getId());
    for (String judgment : List.of(DECISION, REASON, RUBRIC_ACCURACY, RUBRIC_CLARITY, RUBRIC_SAFETY, CONFIRM_FINDINGS)) {
      Assertions.assertThat(form.get(judgment)).as("%s opens with %s", element, judgment).isNull();
    }
    Assertions.assertThat(form.get(DRAFT)).as("%s shows the draft to decide on", element).isEqualTo(draft);
    return form;
  }

  private List<String> completedEntries(ProcessInstance pi) {
    return jdbc.queryForList("select details_json from cs_audit_event where chain = ? and event_type = 'task.completed' "
        + "order by seq", String.class, pi.getBusinessKey());
  }

  /** One panel member takes an open seat and decides. */
  private void seat(ProcessInstance pi, String reviewer, String decision, String reason, String text) {
    org.camunda.bpm.engine.task.Task open = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(PANEL_REVIEW).taskUnassigned().list().get(0);
    claim(open, reviewer);
    Map<String, Object> form = new HashMap<>();
    form.put(DECISION, decision);
    form.put(REASON, reason);
    if (text != null) {
      form.put(DRAFT, text);
    }
    complete(open, form);
  }

  private ProcessInstance exhaustAttempts() {
    ProcessInstance pi = start("customer-support", "high");
    assertThat(pi).variables().containsEntry(MAX_ATTEMPTS, 2);
    for (int attempt = 1; attempt <= 2; attempt++) {
      generate(pi, attempt, "Draft " + attempt);
      screen(pi, false, false, 0.2);
      decide(pi, "reviewer", "reject", "Still wrong", null);
    }
    assertThat(pi).hasPassed(LlmOutputReview.Elements.GENERATE_DRAFT);
    return pi;
  }

  private ProcessInstance start(String useCase, String riskTier) {
    return engine.getRuntimeService().startProcessInstanceByKey(LlmOutputReview.PROCESS_KEY,
        UUID.randomUUID().toString(), Map.of(USE_CASE, useCase, INPUT, "How do I reset my password?", RISK_TIER, riskTier));
  }

  /** Completes "Generate draft" as the worker would; the draft log numbers the draft. */
  private void generate(ProcessInstance pi, int attempt, String text) {
    assertThat(pi).isWaitingAt(GENERATE_DRAFT);
    complete(externalTask(pi), new Draft(text, "test-model", "draft-v1", 40, 12, NO_MEMORIES).variables());
    assertThat(pi).variables().containsEntry(ATTEMPT, attempt);
  }

  /** Completes "Screen draft" as the worker would, with the findings the flags stand for. */
  private void screen(ProcessInstance pi, boolean pii, boolean policy, double score) {
    List<Finding> rules = new ArrayList<>();
    if (pii) {
      rules.add(new Finding(Finding.Kind.PII_EMAIL, "j***@example.com"));
    }
    if (policy) {
      rules.add(new Finding(Finding.Kind.POLICY_TERM, "guarantee"));
    }
    screen(pi, Screening.of(rules, new JudgeScore(score, "test rationale", "test-judge")));
  }

  private void screen(ProcessInstance pi, Screening screening) {
    assertThat(pi).isWaitingAt(SCREEN_DRAFT);
    complete(externalTask(pi), screening.variables());
  }

  private void decide(ProcessInstance pi, String reviewer, String decision, String reason, String text) {
    decide(pi, reviewer, decision, reason, text, Map.of());
  }

  private void decide(ProcessInstance pi, String reviewer, String decision, String reason, String text,
      Map<String, Object> rubric) {
    claim(task(pi), reviewer);
    Map<String, Object> form = new HashMap<>(rubric);
    form.put(DECISION, decision);
    form.put(REASON, reason);
    if (text != null) {
      form.put(DRAFT, text);
    }
    complete(task(pi), form);
  }

  private Map<String, Object> feedback(ProcessInstance pi) {
    return jdbc.queryForMap("select * from cs_feedback where request_id = ?", pi.getBusinessKey());
  }
}
