package dev.countersign.review;

import static dev.countersign.oversight.AuditTrail.details;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.LlmOutputReview.Variables;
import dev.countersign.system.EveryUserTask;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/** Writes the life of every user task to the evidence trail: created, claimed, unclaimed, completed, cancelled. */
@Component
class TaskAudit implements EveryUserTask {

  private final AuditTrail trail;

  TaskAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public List<String> events() {
    return List.of(EVENTNAME_CREATE, EVENTNAME_UPDATE, EVENTNAME_COMPLETE, EVENTNAME_DELETE);
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> append(task, "task.created", details("taskId", task.getId(),
          "task", task.getTaskDefinitionKey(), "name", task.getName(), "candidateGroups", candidateGroups(task),
          "assignee", task.getAssignee()));
      case EVENTNAME_UPDATE -> assigneeChange(task);
      case EVENTNAME_COMPLETE -> append(task, "task.completed", details("taskId", task.getId(),
          "task", task.getTaskDefinitionKey(), "by", task.getAssignee(),
          "decision", task.getVariable(Variables.DECISION), "reason", task.getVariable(Variables.REASON),
          "rubric", details("accuracy", task.getVariable(Variables.RUBRIC_ACCURACY),
              "clarity", task.getVariable(Variables.RUBRIC_CLARITY), "safety", task.getVariable(Variables.RUBRIC_SAFETY))));
      case EVENTNAME_DELETE -> append(task, "task.cancelled", details("taskId", task.getId(),
          "task", task.getTaskDefinitionKey(), "assignee", task.getAssignee(), "reason", task.getDeleteReason()));
      default -> { }
    }
  }

  private void assigneeChange(DelegateTask task) {
    PropertyChange change = ((TaskEntity) task).getPropertyChanges().get(TaskEntity.ASSIGNEE);
    if (change == null) {
      return;
    }
    Object to = change.getNewValue();
    append(task, to == null ? "task.unclaimed" : "task.claimed", details("taskId", task.getId(),
        "task", task.getTaskDefinitionKey(), "assignee", to, "previousAssignee", change.getOrgValue()));
  }

  private void append(DelegateTask task, String type, Map<String, Object> details) {
    trail.append(AuditTrail.chain(task.getExecution()), type, AuditTrail.actor(task.getProcessEngineServices().getIdentityService()),
        details);
  }

  private static String candidateGroups(DelegateTask task) {
    return String.join(",", task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList());
  }
}
