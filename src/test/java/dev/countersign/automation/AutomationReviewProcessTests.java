package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Elements.*;
import static dev.countersign.automation.AutomationReview.Variables.CHANGE;
import static dev.countersign.automation.AutomationReview.Variables.DECISION;
import static dev.countersign.automation.AutomationReview.Variables.EVIDENCE;
import static dev.countersign.automation.AutomationReview.Variables.REASON;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import dev.countersign.EarnedRouting;
import dev.countersign.ProcessTest;
import dev.countersign.feedback.FeedbackRecorded;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.system.Roles;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path of automation-review; people's decisions are seeded into the feedback store by hand. */
@ProcessTest
class AutomationReviewProcessTests {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired AutomationPolicy policy;
  @Autowired ApplicationEventPublisher events;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void shouldEndWhenNoPairHasEarnedAutomation() {
    decided("greetings", "low", "approve", "SINGLE", 150); // too few
    decided("greetings", "medium", "edit", "SINGLE", 250); // edited too often

    Job schedule = engine.getManagementService().createJobQuery().processDefinitionKey(AutomationReview.PROCESS_KEY)
        .timers().singleResult();
    engine.getManagementService().executeJob(schedule.getId());

    String scheduled = engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(REVIEW_SCHEDULED)
        .singleResult().getProcessInstanceId();
    Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(scheduled).activityId(NOTHING_EARNED).finished().count()).isEqualTo(1);
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(scheduled)
        .finished().count()).isEqualTo(1);
    Assertions.assertThat(open("greetings")).isZero();
  }

  @Test
  void shouldDeployAnApprovedProposalSoThatTheNextMatchingRequestIsAutoApproved() {
    decided("shipping", "low", "approve", "SINGLE", 206);
    decided("shipping", "low", "edit", "SINGLE", 2);
    int routingVersion = routingVersion();

    ProcessInstance pi = review();
    assertThat(pi).isWaitingAt(APPROVE_AUTOMATION);
    Task task = task(pi);
    assertThat(task).hasCandidateGroup(Roles.COMPLIANCE);
    Assertions.assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), EVIDENCE))
        .contains("208 decisions by people on shipping / low", "99.0% approved without edit");
    Assertions.assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), CHANGE))
        .contains("use case \"shipping\", risk tier \"low\" → review mode AUTO", "audit sample rate 10%");

    complete(task, Map.of(DECISION, "approve", REASON, "Two edits in 208"));

    assertThat(pi).hasPassed(REVIEW_REQUESTED, MERGE_STARTS, FIND_EARNED, ANY_EARNED, PROPOSAL_OPENED, AUTOMATION_APPROVED,
        DEPLOY_ROUTING, AUTOMATION_DEPLOYED, PROPOSALS_DECIDED).isEnded();
    Assertions.assertThat(routingVersion()).isEqualTo(routingVersion + 1);
    Deployment deployment = engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().desc()
        .list().get(0);
    Assertions.assertThat(deployment.getName()).startsWith("automation:");
    Assertions.assertThat(policy.routing("shipping", "low")).containsEntry("reviewMode", "AUTO")
        .containsEntry("auditSampleRate", 0.1).containsEntry("reviewSla", "PT8H");
    Assertions.assertThat(policy.routing("shipping", "medium")).as("other pairs keep their rows")
        .containsEntry("reviewMode", "SINGLE");
    Assertions.assertThat(policy.routing("hiring", "low")).containsEntry("blindReview", true);
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, Proposals.CHAIN)).contains("automation.automate.proposed", "automation.automate.deployed");

    // The next request of the pair, as the process decides it after a clean screening (the HTTP test runs one).
    Map<String, Object> routed = policy.routing("shipping", "low");
    Object autoApprove = engine.getDecisionService().evaluateDecisionTableByKey("auto-approval", Map.of(
        "reviewMode", routed.get("reviewMode"), "piiFound", false, "policyHit", false, "judgeScore", 0.95,
        "auditDraw", 0.5, "auditSampleRate", routed.get("auditSampleRate"), "attempt", 1)).getSingleEntry();
    Assertions.assertThat(autoApprove).as("auto-approved").isEqualTo(Boolean.TRUE);
  }

  @Test
  void shouldHoldARejectedProposalBackForTheCoolDown() {
    decided("returns", "low", "approve", "SINGLE", 210);

    ProcessInstance pi = review();
    Task task = task(pi);
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of(DECISION, "reject")))
        .hasMessageContaining("Say why the proposal is rejected");
    assertThat(pi).isWaitingAt(APPROVE_AUTOMATION);

    complete(task, Map.of(DECISION, "reject", REASON, "Returns policy changes next month"));
    assertThat(pi).hasPassed(HOLD_PROPOSAL, PROPOSAL_HELD_BACK).isEnded();
    Assertions.assertThat(policy.routing("returns", "low")).containsEntry("reviewMode", "SINGLE");

    ProcessInstance again = review();
    assertThat(again).hasPassed(NOTHING_EARNED).isEnded();
    Assertions.assertThat(jdbc.queryForObject("select reason from cs_automation_proposal where use_case = 'returns'",
        String.class)).isEqualTo("Returns policy changes next month");
  }

  @Test
  void shouldDemoteADriftedPairAtOnceAndTellComplianceWhy() {
    // faq-answer at low risk earned AUTO (the shipped table has no AUTO row); people overruled its last three audits.
    EarnedRouting.deploy(engine.getRepositoryService(), "faq-answer", "low", 0.1);
    decided("faq-answer", "low", "reject", "AUTO", 3);
    int routingVersion = routingVersion();
    String lastAudit = jdbc.queryForObject("select request_id from cs_feedback where use_case = 'faq-answer' "
        + "order by request_id fetch first 1 rows only", String.class);

    events.publishEvent(new FeedbackRecorded(lastAudit, "faq-answer", FeedbackStore.REJECTED));

    ProcessInstance drift = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AutomationReview.PROCESS_KEY).active().singleResult();
    assertThat(drift).hasPassed(AUTOMATION_DRIFTED).isWaitingAt(DEMOTE);
    BpmnAwareTests.execute(BpmnAwareTests.job(drift));

    assertThat(drift).isWaitingAt(REVIEW_DEMOTION);
    Assertions.assertThat(routingVersion()).isEqualTo(routingVersion + 1);
    Assertions.assertThat(policy.routing("faq-answer", "low")).containsEntry("reviewMode", "SINGLE")
        .containsEntry("auditSampleRate", 0.0);
    Task told = task(drift);
    assertThat(told).hasCandidateGroup(Roles.COMPLIANCE);
    Assertions.assertThat((String) engine.getTaskService().getVariableLocal(told.getId(), EVIDENCE))
        .contains("overruled the last 3 audited drafts in a row");
    complete(told, Map.of("note", "Opening hours changed; memory updated"));
    assertThat(drift).hasPassed(DEMOTION_REVIEWED).isEnded();
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, Proposals.CHAIN)).contains("automation.demote.proposed", "automation.demote.deployed");
  }

  private ProcessInstance review() {
    return engine.getRuntimeService().startProcessInstanceByMessage(AutomationReview.REVIEW_MESSAGE);
  }

  private int routingVersion() {
    return engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(AutomationPolicy.ROUTING_DECISION).latestVersion().singleResult().getVersion();
  }

  private long open(String useCase) {
    return jdbc.queryForObject("select count(*) from cs_automation_proposal where use_case = ?", Long.class, useCase);
  }

  /** {@code count} requests of a pair decided by people, an hour ago, one minute of review each. */
  private void decided(String useCase, String riskTier, String decision, String reviewMode, int count) {
    Timestamp at = Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS));
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
          + "created_at) values (?, 'seeded', ?, ?, 'A question', 'requester', ?)", id, useCase, riskTier, at);
      String finalText = "reject".equals(decision) ? null : "edit".equals(decision) ? "An edited answer" : "An answer";
      jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, review_mode) "
          + "values (?, ?, ?, 'A question', '[{\"text\":\"An answer\",\"piiFound\":false,\"policyHit\":false}]', ?, ?, "
          + "?, 'reviewer', 1, ?, ?, 60000, ?)", id, useCase, riskTier, finalText,
          finalText == null ? "REJECTED" : "APPROVED", decision, at, at, reviewMode);
    }
  }
}
