package dev.countersign.oversight;

import static dev.countersign.oversight.AuditTrail.details;

import dev.countersign.system.EveryBoundaryTimer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/** Writes every boundary timer that fires to the evidence trail; on a user task it is an escalation. */
@Component
class EscalationAudit implements EveryBoundaryTimer {

  private final AuditTrail trail;

  EscalationAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void notify(DelegateExecution execution) {
    BoundaryEvent timer = (BoundaryEvent) execution.getBpmnModelElementInstance();
    boolean escalation = timer.getAttachedTo() instanceof UserTask;
    trail.append(AuditTrail.chain(execution), escalation ? "task.escalated" : "timer.fired", AuditTrail.SYSTEM,
        details("timer", timer.getId(), "name", timer.getName(), "from", timer.getAttachedTo().getId()));
  }
}
