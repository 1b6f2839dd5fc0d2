package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Variables.PROPOSAL_ID;
import static dev.countersign.automation.AutomationReview.Variables.REASON;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Hold proposal back": the rejection and its reason recorded; the pair waits out the cool-down. */
@Component("holdProposalBack")
class HoldProposalBackDelegate implements JavaDelegate {

  private final EarnedAutomation automation;

  HoldProposalBackDelegate(EarnedAutomation automation) {
    this.automation = automation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    automation.hold(ProcessVariables.text(execution, PROPOSAL_ID), ProcessVariables.text(execution, REASON),
        AuditTrail.actor(execution.getProcessEngineServices().getIdentityService()));
  }
}
