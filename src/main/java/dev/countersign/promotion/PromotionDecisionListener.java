package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.ProcessVariables;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "Approve promotion": on creation, whether the evaluation is evidence enough; on completion, a
 * refused decision leaves the task open with the reason, and an accepted one reaches the process.
 */
@Component("promotionDecision")
class PromotionDecisionListener implements TaskListener {

  private final int minimumExamples;

  PromotionDecisionListener(@Value("${countersign.promotion.min-evaluation-examples:5}") int minimumExamples) {
    this.minimumExamples = minimumExamples;
  }

  @Override
  public void notify(DelegateTask task) {
    String shortfall = Promotions.evidenceShortfall(
        task.getVariable(HELD_OUT_EXAMPLES) instanceof Number examples ? examples.intValue() : null, minimumExamples);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(EVIDENCE_SHORTFALL, shortfall);
      return;
    }
    String decider = task.getAssignee() != null ? task.getAssignee()
        : AuditTrail.actor(task.getProcessEngineServices().getIdentityService());
    String decision = ProcessVariables.text(task, DECISION);
    String reason = ProcessVariables.text(task, REASON);
    try {
      Promotions.checkDecision(decision, reason, decider, ProcessVariables.text(task, PROPOSED_BY), shortfall);
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    task.getExecution().getProcessInstance().setVariables(Map.of(DECISION, decision, REASON, reason, DECIDED_BY, decider));
  }
}
