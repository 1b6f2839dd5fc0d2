package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Elements.*;
import static dev.countersign.promotion.CandidatePromotion.Variables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import dev.countersign.ProcessTest;
import dev.countersign.generation.PromptLibrary;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.system.Roles;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path of candidate-promotion; the evaluation's figures are supplied by hand. */
@ProcessTest
class CandidatePromotionProcessTests {

  @Autowired ProcessEngine engine;
  @Autowired PromptLibrary prompts;
  @Autowired PromptChampions champions;
  @Autowired ModelChampions models;
  @Autowired ModelCandidates candidates;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void shouldPromoteAnApprovedCandidate() {
    ProcessInstance pi = propose("greetings");
    assertThat(pi).isWaitingAt(EVALUATE_CANDIDATE);
    evaluate(pi);
    assertThat(pi).isWaitingAt(APPROVE_PROMOTION);
    assertThat(task(pi)).hasCandidateGroup(Roles.MODEL_OWNERS);

    decide(pi, "demo", "approve", "Closer to what reviewers approve");

    assertThat(pi).hasPassed(PROMOTE_CANDIDATE, END_CANDIDATE_PROMOTED).isEnded();
    String version = (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(CANDIDATE_VERSION).singleResult().getValue();
    Assertions.assertThat(champions.current("greetings")).isEqualTo(version);
    Assertions.assertThat(status(version)).isEqualTo("PROMOTED");
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, pi.getBusinessKey())).contains("task.completed", "prompt.promoted");
  }

  @Test
  void shouldPromoteAModelCandidateProposedOnItsOwn() {
    ModelCandidate candidate = candidates.create("refunds", ModelCandidates.MEMORY_SNAPSHOT, "offline", null,
        Instant.now(), 5, null, null, "owner");
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(CandidatePromotion.PROCESS_KEY,
        CandidatePromotion.MODEL_KEY_PREFIX + candidate.name(), Map.of(USE_CASE, "refunds",
            CANDIDATE_KIND, CandidatePromotion.MODEL, CANDIDATE_VERSION, candidate.name(),
            CANDIDATE_DESCRIPTION, candidate.describe(), PROPOSED_BY, "owner"));
    evaluate(pi);
    decide(pi, "demo", "approve", "Recalls what reviewers approved");

    assertThat(pi).hasPassed(PROMOTE_CANDIDATE, END_CANDIDATE_PROMOTED).isEnded();
    Assertions.assertThat(models.current("refunds")).map(ModelCandidate::id).contains(candidate.id());
    Assertions.assertThat(candidates.find(candidate.id())).get().extracting(ModelCandidate::status)
        .isEqualTo(ModelCandidates.Status.PROMOTED);
    Assertions.assertThat(champions.current("refunds")).as("the prompt champion is not touched")
        .isEqualTo(champions.current("no-such-use-case"));
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ?", String.class,
        pi.getBusinessKey())).contains("model.promoted");
  }

  @Test
  void shouldRecordARejectionAndKeepTheChampion() {
    String before = champions.current("farewells");
    ProcessInstance pi = propose("farewells");
    evaluate(pi);
    decide(pi, "demo", "reject", "Less similar to approved answers");

    assertThat(pi).hasPassed(RECORD_REJECTION, END_CANDIDATE_REJECTED).hasNotPassed(PROMOTE_CANDIDATE).isEnded();
    Assertions.assertThat(champions.current("farewells")).isEqualTo(before);
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ?", String.class,
        pi.getBusinessKey())).contains("prompt.rejected");
  }

  @Test
  void shouldRefuseTheDecisionToWhoeverProposedTheCandidate() {
    ProcessInstance pi = propose("thanks");
    evaluate(pi);
    claim(task(pi), "owner");
    assertThatThrownBy(() -> complete(task(pi), withVariables(DECISION, "approve", REASON, "Mine is better")))
        .hasMessageContaining("Four eyes: owner proposed this candidate");
    assertThatThrownBy(() -> engine.getTaskService().complete(task(pi).getId(), Map.of(DECISION, "approve")))
        .hasMessageContaining("needs a reason");
    assertThat(pi).isWaitingAt(APPROVE_PROMOTION);
    engine.getTaskService().setAssignee(task(pi).getId(), "demo");
    complete(task(pi), withVariables(DECISION, "reject", REASON, "Not evaluated on enough examples"));
  }

  @Test
  void shouldRefuseToPromoteACandidateEvaluatedOnNothingAndSaySoOnTheForm() {
    ProcessInstance pi = propose("apologies");
    complete(externalTask(pi), new CandidateEvaluator.Evaluation(0,
        new CandidateEvaluator.Metrics("candidate", 0, null, 0), new CandidateEvaluator.Metrics("draft-v2", 0, null, 0))
        .variables());
    Assertions.assertThat((String) engine.getFormService().getTaskFormVariables(task(pi).getId()).get(EVIDENCE_SHORTFALL))
        .startsWith("Evaluated on 0 held-out examples, and promotion needs at least ");
    claim(task(pi), "demo");
    assertThatThrownBy(() -> complete(task(pi), withVariables(DECISION, "approve", REASON, "Looks fine")))
        .hasMessageStartingWith("No promotion without evidence. Evaluated on 0 held-out examples");
    assertThat(pi).isWaitingAt(APPROVE_PROMOTION);

    complete(task(pi), withVariables(DECISION, "reject", REASON, "Nothing to judge it on"));
    assertThat(pi).hasPassed(RECORD_REJECTION).isEnded();
  }

  private ProcessInstance propose(String useCase) {
    String version = prompts.createCandidate("draft-v2", "You write very short replies.", null, "owner");
    return engine.getRuntimeService().startProcessInstanceByKey(CandidatePromotion.PROCESS_KEY,
        CandidatePromotion.KEY_PREFIX + version, Map.of(USE_CASE, useCase, CANDIDATE_VERSION, version, PROPOSED_BY, "owner"));
  }

  private void evaluate(ProcessInstance pi) {
    complete(externalTask(pi), new CandidateEvaluator.Evaluation(12,
        new CandidateEvaluator.Metrics("candidate", 0.81, 0.7, 0.0),
        new CandidateEvaluator.Metrics("draft-v2", 0.74, 0.6, 0.1)).variables());
  }

  private void decide(ProcessInstance pi, String user, String decision, String reason) {
    claim(task(pi), user);
    complete(task(pi), withVariables(DECISION, decision, REASON, reason));
  }

  private String status(String version) {
    return jdbc.queryForObject("select status from cs_prompt_version where id = ?", String.class, version);
  }
}
