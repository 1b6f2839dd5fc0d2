package dev.countersign.labeling;

import static dev.countersign.labeling.DataLabeling.Variables.*;
import static dev.countersign.system.ProcessVariables.text;

import dev.countersign.system.SameTaskHolders;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On claim and completion of "Label item" and "Adjudicate labels", whatever client was used:
 * {@link ItemLabels} decides, in the same transaction. A refused claim or submission leaves the task
 * as it was, with a 400 and the reason.
 */
@Component("labelTasks")
class LabelTasks implements TaskListener {

  private final ItemLabels labels;

  LabelTasks(ItemLabels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    long itemId = ((Number) task.getVariable(ITEM_ID)).longValue();
    boolean adjudication = DataLabeling.Elements.ADJUDICATE_LABELS.equals(task.getTaskDefinitionKey());
    try {
      switch (task.getEventName()) {
        case EVENTNAME_CREATE -> {
          if (adjudication) {
            labels.awaitAdjudication(itemId);
            task.setVariableLocal(ANNOTATIONS, labels.annotationsText(itemId));
          }
        }
        case EVENTNAME_ASSIGNMENT -> {
          if (adjudication) {
            labels.checkAdjudicator(itemId, task.getAssignee());
          } else {
            labels.checkAnnotator(itemId, task.getAssignee(), SameTaskHolders.of(task).contains(task.getAssignee()));
          }
        }
        case EVENTNAME_COMPLETE -> {
          String person = person(task);
          Object submitted = submitted(task);
          if (adjudication) {
            task.setVariable(FINAL_LABEL, labels.adjudicate(itemId, person, submitted, text(task, REASON)));
            task.setVariable(AGREEMENT, "ADJUDICATED");
          } else {
            labels.give(itemId, task.getId(), person, submitted, text(task, REASON));
          }
        }
        default -> { }
      }
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
  }

  /** The field of the form that applies to the project's kind of label. */
  private static Object submitted(DelegateTask task) {
    return switch (text(task, KIND)) {
      case "multi" -> task.getVariable(LABELS);
      case "rating" -> task.getVariable(RATING);
      default -> task.getVariable(LABEL);
    };
  }

  private static String person(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
