package dev.countersign.retraining;

import static dev.countersign.retraining.ModelRetraining.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import dev.countersign.ProcessTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.promotion.CandidateEvaluator;
import dev.countersign.promotion.CandidatePromotion;
import dev.countersign.promotion.CandidatePromotion.Variables;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.promotion.ModelChampions;
import dev.countersign.system.ClusterLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * One test per path of model-retraining. The workers are off: each external task is completed by
 * hand with what its worker would report, and the candidate row a worker would write is written
 * through the same repository.
 */
@ProcessTest
@TestPropertySource(properties = {"countersign.retraining.feedback-threshold=5", "countersign.retraining.min-examples=3"})
class ModelRetrainingProcessTests {

  private static final String WORKER = "test-worker";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @Autowired ApplicationEventPublisher events;
  @Autowired ModelCandidates candidates;
  @Autowired ModelChampions champions;
  TrainingFeedback feedback;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
    feedback = new TrainingFeedback(jdbc, split);
  }

  @Test
  void shouldEndWhenTheScheduleFindsNothingNew() {
    // Other tests of this class share the database: everything they left counts as trained.
    for (String useCase : jdbc.queryForList("select distinct use_case from cs_feedback", String.class)) {
      candidates.create(useCase, ModelCandidates.MEMORY_SNAPSHOT, null, null, Instant.now().plusSeconds(1), 1, null,
          null, ModelRetraining.ACTOR);
    }
    ProcessInstance pi = scheduled();
    execute(job(pi));

    assertThat(pi).hasPassed(START_SCHEDULED, FIND_DUE_USE_CASES, END_NOTHING_DUE).isEnded();
  }

  @Test
  void shouldRetrainAUseCaseOnceItHasEnoughNewFeedbackAndPromoteTheApprovedCandidate() {
    feedback.approved("billing", 4);
    events.publishEvent(TrainingFeedback.recorded("billing"));
    Assertions.assertThat(retrainings("billing")).as("below the threshold of 5").isEmpty();

    feedback.approved("billing", 1);
    events.publishEvent(TrainingFeedback.recorded("billing"));
    events.publishEvent(TrainingFeedback.recorded("billing"));
    Assertions.assertThat(retrainings("billing")).as("one retraining, however often feedback arrives").hasSize(1);
    ProcessInstance pi = retrainings("billing").get(0);
    execute(job(pi));
    assertThat(pi).hasPassed(START_FEEDBACK_ARRIVED, FIND_DUE_USE_CASES).isWaitingAt(BUILD_DATASET);

    build(pi, "billing", 5);
    assertThat(pi).isWaitingAt(START_FINE_TUNE);
    ModelCandidate candidate = train(pi, "billing", "RUNNING");
    assertThat(pi).isWaitingAt(POLL_INTERVAL_ELAPSED);

    execute(job(pi));
    assertThat(pi).isWaitingAt(CHECK_FINE_TUNE);
    candidates.trained(candidate.id(), "ft:gpt-4o-mini:acme:cs-billing:1");
    finish(lockTask(pi, ModelRetraining.CHECK_FINE_TUNE_TOPIC), new FineTuneJobs.Progress(
        candidates.find(candidate.id()).orElseThrow(), FineTuneBackend.State.SUCCEEDED).variables());
    assertThat(pi).isWaitingAt(DECIDE_ON_CANDIDATE);

    ProcessInstance promotion = calledProcessInstance(pi);
    assertThat(promotion).hasBusinessKey("model:" + candidate.name())
        .hasVariables(Variables.CANDIDATE_KIND, Variables.CANDIDATE_VERSION, Variables.CANDIDATE_DESCRIPTION);
    evaluate(promotion);
    claim(task(promotion), "demo");
    complete(task(promotion), withVariables(Variables.DECISION, "approve", Variables.REASON, "Closer to approved text"));

    assertThat(pi).hasPassed(END_CANDIDATE_DECIDED, END_ROUND_FINISHED).isEnded();
    Assertions.assertThat(champions.current("billing")).map(ModelCandidate::id).contains(candidate.id());
    Assertions.assertThat(candidates.find(candidate.id()).orElseThrow().status())
        .isEqualTo(ModelCandidates.Status.PROMOTED);
    Assertions.assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, "model:" + candidate.name())).contains("model.promoted");
  }

  @Test
  void shouldRetrainEveryUseCaseWithNewFeedbackOnTheScheduleEachInItsOwnBranch() {
    feedback.approved("claims", 3);
    feedback.approved("onboarding", 4);
    ProcessInstance pi = scheduled();
    execute(job(pi));
    Assertions.assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(pi.getId())
        .activityId(BUILD_DATASET).count()).isEqualTo(2);

    // Each branch keeps its own dataset and candidate, whatever order they finish in.
    build(pi, "onboarding", 4);
    build(pi, "claims", 3);
    ModelCandidate onboarding = train(pi, "onboarding", "SUCCEEDED");
    ModelCandidate claims = train(pi, "claims", "SUCCEEDED");
    List<ProcessInstance> promotions = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pi.getId()).list();
    Assertions.assertThat(promotions).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder("model:" + onboarding.name(), "model:" + claims.name());

    for (ProcessInstance promotion : promotions) {
      evaluate(promotion);
      claim(task(promotion), "demo");
      complete(task(promotion), withVariables(Variables.DECISION, "reject", Variables.REASON, "No better"));
    }
    assertThat(pi).hasPassed(END_ROUND_FINISHED).isEnded();
    Assertions.assertThat(candidates.find(claims.id()).orElseThrow().status()).isEqualTo(ModelCandidates.Status.REJECTED);
    Assertions.assertThat(champions.current("claims")).isEmpty();
  }

  @Test
  void shouldStopAUseCaseWithTooFewExamples() {
    feedback.approved("rare", 5);
    events.publishEvent(TrainingFeedback.recorded("rare"));
    ProcessInstance pi = retrainings("rare").get(0);
    execute(job(pi));
    // Fewer than the minimum survived the export (duplicates, say).
    build(pi, "rare", 2);

    assertThat(pi).hasPassed(END_TOO_FEW_EXAMPLES).hasNotPassed(START_FINE_TUNE).isEnded();
  }

  @Test
  void shouldRaiseAnIncidentWhenTheJobFails() {
    feedback.approved("failing", 5);
    events.publishEvent(TrainingFeedback.recorded("failing"));
    ProcessInstance pi = retrainings("failing").get(0);
    execute(job(pi));
    build(pi, "failing", 5);
    train(pi, "failing", "RUNNING");
    execute(job(pi));

    LockedExternalTask check = lockTask(pi, ModelRetraining.CHECK_FINE_TUNE_TOPIC);
    engine.getExternalTaskService().handleFailure(check.getId(), WORKER,
        "Fine-tune job ftjob-1 failed: invalid training file", 0, 0);

    assertThat(pi).isWaitingAt(CHECK_FINE_TUNE);
    Assertions.assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult()
        .getIncidentMessage()).contains("invalid training file");
  }

  @Test
  void shouldMoveTheScheduledStartWhenTheScheduleIsChanged() {
    RetrainingProperties configured = new RetrainingProperties("0 0 3 * * ?", 5, 3, Duration.ofMinutes(1),
        "memory-snapshot", Path.of("target/datasets"), new RetrainingProperties.OpenAi("http://unused", "k", "m"));
    Assertions.assertThat(new RetrainingSchedule(engineConfiguration(), configured, cluster()).apply())
        .as("the deployed timer already follows the configured schedule").isFalse();

    RetrainingProperties changed = new RetrainingProperties("0 30 5 * * ?", 5, 3, Duration.ofMinutes(1),
        "memory-snapshot", Path.of("target/datasets"), configured.openai());
    Assertions.assertThat(new RetrainingSchedule(engineConfiguration(), changed, cluster()).apply()).isTrue();

    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY)
        .timers().singleResult();
    Assertions.assertThat(timer.getDuedate()).isEqualTo(new CycleBusinessCalendar().resolveDuedate("0 30 5 * * ?"));
    Assertions.assertThat(new RetrainingSchedule(engineConfiguration(), changed, cluster()).apply()).as("moved once").isFalse();
    Assertions.assertThat(new RetrainingSchedule(engineConfiguration(), configured, cluster()).apply()).as("and back").isTrue();
    Assertions.assertThat(RetrainingSchedule.withoutStart("R/2026-11-25T10:00:00Z/P1D")).isEqualTo("R/P1D");
    Assertions.assertThat(RetrainingSchedule.withoutStart("R3/P1D")).isEqualTo("R3/P1D");
  }

  /** On H2 the cluster lock locks nothing: one process. */
  private ClusterLock cluster() {
    return new ClusterLock(engineConfiguration().getDataSource());
  }

  private ProcessEngineConfigurationImpl engineConfiguration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private ProcessInstance scheduled() {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY)
        .timers().singleResult();
    engine.getManagementService().executeJob(timer.getId());
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY)
        .active().orderByProcessInstanceId().desc().list().stream()
        .filter(p -> engine.getRuntimeService().getVariable(p.getId(), ModelRetraining.Variables.TRIGGERED_FOR) == null)
        .findFirst().orElseThrow();
  }

  private List<ProcessInstance> retrainings(String useCase) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY)
        .variableValueEquals(ModelRetraining.Variables.TRIGGERED_FOR, useCase).active().list();
  }

  /** What the dataset worker reports for the branch of {@code useCase}. */
  private void build(ProcessInstance pi, String useCase, long examples) {
    finish(lockTask(pi, ModelRetraining.BUILD_DATASET_TOPIC, useCase), new FineTuneJobs.Dataset(exportId(useCase),
        Path.of("target/datasets/" + useCase + ".jsonl"), "0".repeat(64), examples, Instant.now()).variables());
  }

  /** What the start worker writes and reports: a candidate, and the job's state. */
  private ModelCandidate train(ProcessInstance pi, String useCase, String state) {
    ModelCandidate candidate = candidates.create(useCase, ModelCandidates.OPENAI, "gpt-4o-mini", null, Instant.now(),
        5, null, null, ModelRetraining.ACTOR);
    candidates.jobStarted(candidate.id(), "ftjob-" + candidate.id());
    if ("SUCCEEDED".equals(state)) {
      candidates.trained(candidate.id(), "ft:gpt-4o-mini:acme:" + useCase + ":" + candidate.id());
    }
    finish(lockTask(pi, ModelRetraining.START_FINE_TUNE_TOPIC, useCase), new FineTuneJobs.Progress(
        candidates.find(candidate.id()).orElseThrow(), FineTuneBackend.State.valueOf(state)).variables());
    return candidate;
  }

  private void evaluate(ProcessInstance promotion) {
    assertThat(promotion).isWaitingAt(CandidatePromotion.Elements.EVALUATE_CANDIDATE);
    finish(lockTask(promotion, CandidatePromotion.EVALUATE_TOPIC), new CandidateEvaluator.Evaluation(4,
        new CandidateEvaluator.Metrics("candidate", 0.8, null, 0.0),
        new CandidateEvaluator.Metrics("configured model, live memory", 0.7, null, 0.0)).variables());
  }

  private void finish(LockedExternalTask task, Map<String, Object> variables) {
    engine.getExternalTaskService().complete(task.getId(), WORKER, variables);
  }

  private long exportId(String useCase) {
    return Math.abs(useCase.hashCode());
  }

  private LockedExternalTask lockTask(ProcessInstance pi, String topic) {
    return lockTask(pi, topic, null);
  }

  /** Locks the instance's task on {@code topic}, in the branch of {@code useCase} where given. */
  private LockedExternalTask lockTask(ProcessInstance pi, String topic, String useCase) {
    List<LockedExternalTask> locked = engine.getExternalTaskService().fetchAndLock(100, WORKER).topic(topic, 60_000)
        .variables(ModelRetraining.Variables.USE_CASE).execute();
    LockedExternalTask wanted = locked.stream()
        .filter(t -> t.getProcessInstanceId().equals(pi.getId()))
        .filter(t -> useCase == null || useCase.equals(t.getVariables().get(ModelRetraining.Variables.USE_CASE)))
        .findFirst().orElseThrow(() -> new AssertionError("No " + topic + " task" + (useCase == null ? "" : " for " + useCase)));
    locked.stream().filter(t -> t != wanted).forEach(t -> engine.getExternalTaskService().unlock(t.getId()));
    return wanted;
  }
}
