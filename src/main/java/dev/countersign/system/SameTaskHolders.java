package dev.countersign.system;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;

/**
 * Who holds the other tasks of one multi-instance user task in its process instance: the rest of a
 * panel, or an item's other annotators. For the rule that each seat goes to a different person.
 */
public final class SameTaskHolders {

  private SameTaskHolders() {}

  /** The assignees of the instance's other open tasks with {@code task}'s definition key; empty while unclaimed. */
  public static List<String> of(DelegateTask task) {
    if (task.getAssignee() == null) {
      return List.of();
    }
    // Whoever claims need not be allowed to read the others' tasks; the rule must see them all.
    return Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices().getTaskService()
        .createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(task.getTaskDefinitionKey())
        .list().stream().filter(other -> !other.getId().equals(task.getId()) && other.getAssignee() != null)
        .map(Task::getAssignee).toList());
  }
}
