package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.AUTO_APPROVE;
import static dev.countersign.review.LlmOutputReview.Variables.FINDINGS_SUMMARY;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.oversight.AutomationSwitch;
import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Ends "Check auto-approval": the kill switch may withhold what the table approved. */
@Component("autoApprovalGuard")
class AutoApprovalGuard implements ExecutionListener {

  private final AutomationSwitch automation;

  AutoApprovalGuard(AutomationSwitch automation) {
    this.automation = automation;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(AUTO_APPROVE))) {
      return;
    }
    automation.withholdAutoApproval(AuditTrail.chain(execution), ProcessVariables.text(execution, FINDINGS_SUMMARY))
        .ifPresent(shown -> {
          execution.setVariable(AUTO_APPROVE, false);
          execution.setVariable(FINDINGS_SUMMARY, shown);
        });
  }
}
