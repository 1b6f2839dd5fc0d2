package dev.countersign.feedback;

import static dev.countersign.review.LlmOutputReview.Variables.*;
import static dev.countersign.system.ProcessVariables.text;

import dev.countersign.oversight.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record feedback": synchronous on purpose, so the row commits with the engine state. */
@Component("recordFeedback")
class RecordFeedbackDelegate implements JavaDelegate {

  private final Outcomes outcomes;

  RecordFeedbackDelegate(Outcomes outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FeedbackStore.Outcome outcome = outcomes.record(execution.getProcessBusinessKey(), text(execution, USE_CASE),
        text(execution, REVIEW_MODE),
        Boolean.TRUE.equals(execution.getVariable(AUTO_APPROVE)), text(execution, DECISION), text(execution, DRAFT),
        AuditTrail.actor(execution.getProcessEngineServices().getIdentityService()));
    execution.setVariable(OUTCOME, outcome.outcome());
  }
}
