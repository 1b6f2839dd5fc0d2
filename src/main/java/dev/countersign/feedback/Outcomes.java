package dev.countersign.feedback;

import dev.countersign.oversight.AuditTrail;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * How a review ends: the outcome recorded as feedback, in the evidence trail, and announced to
 * whoever learns from it. Engine-free; called inside the engine's transaction.
 */
@Service
class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final FeedbackStore feedback;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;

  Outcomes(FeedbackStore feedback, AuditTrail audit, ApplicationEventPublisher events) {
    this.feedback = feedback;
    this.audit = audit;
    this.events = events;
  }

  /**
   * @param reviewMode the routing's review mode ({@code AUTO}, {@code SINGLE}, {@code FOUR_EYES})
   * @param autoApproved whether the routing table approved the draft without a person; every human
   *     path has it false
   * @param decision the last person's decision, ignored when auto-approved
   * @param finalText the text as last seen by the decider
   * @param actor who completed the last step, or {@link AuditTrail#SYSTEM}
   */
  FeedbackStore.Outcome record(String requestId, String useCase, String reviewMode, boolean autoApproved,
      String decision, String finalText, String actor) {
    String decided = autoApproved ? FeedbackStore.AUTO : decision;
    FeedbackStore.Outcome outcome = feedback.record(requestId, decided, finalText, reviewMode);
    audit.append(requestId, "outcome.recorded", actor, AuditTrail.details("outcome", outcome.outcome(),
        "decision", decided, "finalTextSha256", AuditTrail.digest(outcome.finalText())));
    log.info("Review request {} {} ({}); feedback recorded", requestId, outcome.outcome().toLowerCase(Locale.ROOT),
        decided);
    events.publishEvent(new FeedbackRecorded(requestId, useCase, outcome.outcome()));
    return outcome;
  }
}
