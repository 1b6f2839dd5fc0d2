package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of "Approve promotion": a refused decision leaves the task open, with the reason. */
@Component("promotionDecision")
class PromotionDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String decider = task.getAssignee() != null ? task.getAssignee()
        : AuditTrail.actor(task.getProcessEngineServices().getIdentityService());
    try {
      Promotions.checkDecision(ProcessVariables.text(task, DECISION), ProcessVariables.text(task, REASON), decider,
          ProcessVariables.text(task, PROPOSED_BY));
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    task.setVariable(DECIDED_BY, decider);
  }
}
