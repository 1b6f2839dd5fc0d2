package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Variables.PROPOSAL_ID;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Deploy routing change" and "Demote automation": the proposal's routing table, deployed as its next version. */
@Component("deployRoutingChange")
class DeployRoutingChangeDelegate implements JavaDelegate {

  private final EarnedAutomation automation;

  DeployRoutingChangeDelegate(EarnedAutomation automation) {
    this.automation = automation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    automation.deploy(ProcessVariables.text(execution, PROPOSAL_ID),
        AuditTrail.actor(execution.getProcessEngineServices().getIdentityService()));
  }
}
