package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Variables.PROPOSAL_IDS;

import dev.countersign.oversight.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** "Find earned automation": a proposal for each pair that earned it. */
@Component("findEarnedAutomation")
class FindEarnedAutomationDelegate implements JavaDelegate {

  private final EarnedAutomation automation;

  FindEarnedAutomationDelegate(EarnedAutomation automation) {
    this.automation = automation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(PROPOSAL_IDS, Variables.objectValue(automation.proposeEarned(
        AuditTrail.actor(execution.getProcessEngineServices().getIdentityService()))).create());
  }
}
