package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Variables.PROPOSAL_ID;

import dev.countersign.feedback.FeedbackRecorded;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Caller;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After each decided request: when it was an audit of a pair running unattended and the pair's
 * audits drifted, the drift path of automation-review starts, in the same transaction. Its
 * demotion runs as a job right after, so a failed deployment is retried as an incident and never
 * refuses the reviewer's decision.
 */
@Component
class DriftWatch {

  private final EarnedAutomation automation;
  private final RuntimeService runtime;
  private final IdentityService identity;

  DriftWatch(EarnedAutomation automation, RuntimeService runtime, IdentityService identity) {
    this.automation = automation;
    this.runtime = runtime;
    this.identity = identity;
  }

  @EventListener
  void decided(FeedbackRecorded recorded) {
    automation.demotionAfter(recorded.requestId(), AuditTrail.actor(identity)).ifPresent(proposal ->
        // The reviewer whose decision tipped it may not start processes; the policy may.
        Caller.asSystem(identity, () -> runtime.startProcessInstanceByMessage(AutomationReview.DRIFT_MESSAGE,
            Map.of(PROPOSAL_ID, proposal))));
  }
}
