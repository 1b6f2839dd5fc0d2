package dev.countersign.retraining;

import static dev.countersign.retraining.ModelRetraining.Variables.*;

import dev.countersign.feedback.FeedbackRecorded;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.system.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Decides which use cases are due for retraining: on the schedule, those with any new training
 * example since their last retraining; on the feedback threshold, the one use case that reached it.
 * A training example is an approved outcome outside the held-out split, as the datasets count them.
 */
@Service
class RetrainingPlanner {

  private static final Logger log = LoggerFactory.getLogger(RetrainingPlanner.class);
  private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");

  private final FeedbackStore feedback;
  private final ModelCandidates candidates;
  private final RetrainingProperties properties;
  private final RuntimeService runtime;
  private final IdentityService identity;

  RetrainingPlanner(FeedbackStore feedback, ModelCandidates candidates, RetrainingProperties properties,
      RuntimeService runtime, IdentityService identity) {
    this.feedback = feedback;
    this.candidates = candidates;
    this.properties = properties;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Training examples of {@code useCase} decided since its last retraining (all, before the first). */
  long newExamples(String useCase) {
    Instant since = candidates.trainedUntil(useCase).orElse(BEGINNING);
    return feedback.trainingExamples(useCase, since);
  }

  /**
   * @param triggeredFor the use case of a message start, or null on the schedule
   * @param requested whether a person asked: then any new example is enough
   */
  List<String> dueUseCases(String triggeredFor, boolean requested) {
    if (triggeredFor != null) {
      // Checked again: another instance may have taken these examples since the message was sent.
      long needed = requested ? 1 : Math.max(1, properties.feedbackThreshold());
      return newExamples(triggeredFor) >= needed ? List.of(triggeredFor) : List.of();
    }
    List<String> due = new ArrayList<>();
    for (String useCase : feedback.useCasesWithTrainingExamples()) {
      if (newExamples(useCase) > 0) {
        due.add(useCase);
      }
    }
    return due;
  }

  /**
   * As each outcome is recorded (synchronously, in the engine's transaction): starts model-retraining for the use case once it has the
   * configured number of new training examples, unless a retraining of it is already running.
   * Two reviewers finishing at the same moment can start two; the second then finds nothing due.
   */
  @EventListener
  void feedbackRecorded(FeedbackRecorded feedback) {
    if (!feedback.approved()) {
      return;
    }
    String useCase = feedback.useCase();
    int threshold = properties.feedbackThreshold();
    if (threshold <= 0 || newExamples(useCase) < threshold || running(useCase)) {
      return;
    }
    log.info("Use case {} has {} or more new training examples: starting model retraining", useCase, threshold);
    start(useCase, null);
  }

  /**
   * A person asks to retrain {@code useCase} now. Returns the new instance's id; refuses when a
   * retraining of it is running or it has nothing new.
   */
  String retrainNow(String useCase, String person) {
    if (running(useCase)) {
      throw new IllegalStateException("A retraining of " + useCase + " is already running");
    }
    if (newExamples(useCase) == 0) {
      throw new IllegalStateException("Use case " + useCase + " has no new training examples since its last retraining");
    }
    log.info("{} asked to retrain use case {}", person, useCase);
    return start(useCase, person);
  }

  private boolean running(String useCase) {
    return Caller.asSystem(identity, () -> runtime.createExecutionQuery()
        .processDefinitionKey(ModelRetraining.PROCESS_KEY).variableValueEquals(USE_CASE, useCase).count() > 0
        || runtime.createProcessInstanceQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY)
        .variableValueEquals(TRIGGERED_FOR, useCase).count() > 0);
  }

  private String start(String useCase, String person) {
    return Caller.asSystem(identity, () -> runtime.createMessageCorrelation(ModelRetraining.FEEDBACK_MESSAGE)
        .setVariable(TRIGGERED_FOR, useCase)
        .setVariable(REQUESTED_BY, person)
        .correlateStartMessage().getId());
  }
}
