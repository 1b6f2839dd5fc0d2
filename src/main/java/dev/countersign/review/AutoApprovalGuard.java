package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.AUTO_APPROVE;
import static dev.countersign.review.LlmOutputReview.Variables.FINDINGS_SUMMARY;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.oversight.AutomationSwitch;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends "Check auto-approval": withholds an auto-approval while the kill switch is on, and says so
 * to the reviewer and in the evidence trail.
 */
@Component("autoApprovalGuard")
class AutoApprovalGuard implements ExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(AutoApprovalGuard.class);

  private final AutomationSwitch automation;
  private final AuditTrail audit;

  AutoApprovalGuard(AutomationSwitch automation, AuditTrail audit) {
    this.automation = automation;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(AUTO_APPROVE)) || !automation.halted()) {
      return;
    }
    execution.setVariable(AUTO_APPROVE, false);
    Object findings = execution.getVariable(FINDINGS_SUMMARY);
    execution.setVariable(FINDINGS_SUMMARY, "- Automation is halted: the routing table would have approved this "
        + "draft without a person." + (findings == null ? "" : "\n" + findings));
    audit.append(AuditTrail.chain(execution), "auto-approval.withheld", AuditTrail.SYSTEM,
        AuditTrail.details("reason", "automation halted"));
    log.info("Review request {}: auto-approval withheld, automation is halted", execution.getProcessBusinessKey());
  }
}
