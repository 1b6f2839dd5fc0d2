package dev.countersign.feedback;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import dev.countersign.oversight.AuditTrail;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** "Record feedback": synchronous on purpose, so the row commits with the engine state. */
@Component("recordFeedback")
class RecordFeedbackDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RecordFeedbackDelegate.class);

  private final FeedbackStore feedback;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;

  RecordFeedbackDelegate(FeedbackStore feedback, AuditTrail audit, ApplicationEventPublisher events) {
    this.feedback = feedback;
    this.audit = audit;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // Only the draft being screened can be auto-approved; any human path has autoApprove=false.
    String decision = Boolean.TRUE.equals(execution.getVariable(AUTO_APPROVE))
        ? FeedbackStore.AUTO
        : (String) execution.getVariable(DECISION);
    FeedbackStore.Outcome outcome = feedback.record(execution.getProcessBusinessKey(), decision,
        (String) execution.getVariable(DRAFT));
    execution.setVariable(OUTCOME, outcome.outcome());
    audit.append(execution.getProcessBusinessKey(), "outcome.recorded",
        AuditTrail.actor(execution.getProcessEngineServices().getIdentityService()),
        AuditTrail.details("outcome", outcome.outcome(), "decision", decision,
            "finalTextSha256", AuditTrail.digest(outcome.finalText())));
    log.info("Review request {} {} ({}); feedback recorded", execution.getProcessBusinessKey(),
        outcome.outcome().toLowerCase(Locale.ROOT), decision);
    events.publishEvent(new FeedbackRecorded(execution.getProcessBusinessKey(), (String) execution.getVariable(USE_CASE),
        outcome.outcome()));
  }
}
