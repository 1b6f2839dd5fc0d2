package dev.countersign.automation;

import static dev.countersign.automation.AutomationReview.Variables.CHANGE;
import static dev.countersign.automation.AutomationReview.Variables.DECISION;
import static dev.countersign.automation.AutomationReview.Variables.EVIDENCE;
import static dev.countersign.automation.AutomationReview.Variables.PROPOSAL_ID;
import static dev.countersign.automation.AutomationReview.Variables.REASON;

import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Approve automation" and "Review demotion": on create, the evidence and the change in words for
 * the form; on completion of an approval, a refused decision leaves the task open, with the reason.
 */
@Component("automationDecision")
class AutomationDecisionListener implements TaskListener {

  private final EarnedAutomation automation;

  AutomationDecisionListener(EarnedAutomation automation) {
    this.automation = automation;
  }

  @Override
  public void notify(DelegateTask task) {
    String proposal = ProcessVariables.text(task, PROPOSAL_ID);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(EVIDENCE, automation.evidenceText(proposal));
      task.setVariableLocal(CHANGE, automation.changeText(proposal));
    } else if (AutomationReview.Elements.APPROVE_AUTOMATION.equals(task.getTaskDefinitionKey())) {
      try {
        EarnedAutomation.checkDecision(ProcessVariables.text(task, DECISION), ProcessVariables.text(task, REASON));
      } catch (IllegalArgumentException refused) {
        throw new BadUserRequestException(refused.getMessage());
      }
    }
  }
}
