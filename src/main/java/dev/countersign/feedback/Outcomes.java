package dev.countersign.feedback;

import dev.countersign.oversight.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
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

  static final String DECISIONS = "countersign.decisions";
  static final String TIME_TO_DECISION = "countersign.time.to.decision";

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final FeedbackStore feedback;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;

  Outcomes(FeedbackStore feedback, AuditTrail audit, ApplicationEventPublisher events, MeterRegistry meters) {
    this.feedback = feedback;
    this.audit = audit;
    this.events = events;
    this.meters = meters;
  }

  /**
   * @param reviewMode the routing's review mode ({@code AUTO}, {@code SINGLE}, {@code FOUR_EYES})
   * @param autoApproved whether the routing table approved the draft without a person; every human
   *     path has it false
   * @param decision the last person's decision, ignored when auto-approved
   * @param finalText the text as last seen by the decider
   * @param actor who completed the last step, or {@link AuditTrail#SYSTEM}
   */
  /** Decisions per use case and decision, and the time from request to decision per risk tier, for Prometheus. */
  private void count(String requestId, String useCase, String decided) {
    meters.counter(DECISIONS, "useCase", useCase, "decision", decided).increment();
    FeedbackStore.Requested requested = feedback.requested(requestId);
    Timer.builder(TIME_TO_DECISION).description("From a request's acceptance to its final decision")
        .tag("riskTier", requested.riskTier()).publishPercentileHistogram()
        .register(meters).record(Duration.between(requested.at(), Instant.now()));
  }

  FeedbackStore.Outcome record(String requestId, String useCase, String reviewMode, boolean autoApproved,
      String decision, String finalText, String actor) {
    String decided = autoApproved ? FeedbackStore.AUTO : decision;
    FeedbackStore.Outcome outcome = feedback.record(requestId, decided, finalText, reviewMode);
    audit.append(requestId, "outcome.recorded", actor, AuditTrail.details("outcome", outcome.outcome(),
        "decision", decided, "finalTextSha256", AuditTrail.digest(outcome.finalText())));
    log.info("Review request {} {} ({}); feedback recorded", requestId, outcome.outcome().toLowerCase(Locale.ROOT),
        decided);
    count(requestId, useCase, decided);
    events.publishEvent(new FeedbackRecorded(requestId, useCase, outcome.outcome()));
    return outcome;
  }
}
