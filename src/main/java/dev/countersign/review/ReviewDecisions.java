package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;
import static dev.countersign.system.ProcessVariables.text;

import dev.countersign.system.SameTaskHolders;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On creation, claim and completion of any review task, whatever client was used (Tasklist, REST,
 * Java): {@link ReviewJudgments} decides, in the same transaction. What a person submits is local
 * to their task (the model's input parameters); only the checked outcome reaches the process. A
 * refused claim or submission leaves the task as it was, with a 400 and the reason.
 */
@Component("reviewDecisions")
class ReviewDecisions implements TaskListener {

  private final ReviewJudgments judgments;

  ReviewDecisions(ReviewJudgments judgments) {
    this.judgments = judgments;
  }

  @Override
  public void notify(DelegateTask task) {
    try {
      if (EVENTNAME_CREATE.equals(task.getEventName())) {
        task.setVariablesLocal(judgments.context(task.getExecution().getProcessBusinessKey(),
            ((Number) task.getVariable(ATTEMPT)).intValue(), task.getTaskDefinitionKey(), text(task, DRAFT)));
        return;
      }
      if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
        judgments.checkClaim(task.getExecution().getProcessBusinessKey(), ((Number) task.getVariable(ATTEMPT)).intValue(),
            task.getTaskDefinitionKey(), task.getAssignee(), SameTaskHolders.of(task));
        // Time on task runs from the claim; oversight watches for decisions made too fast.
        task.setVariableLocal(CLAIMED_AT, task.getAssignee() == null ? null : new Date());
        return;
      }
      task.getExecution().getProcessInstance().setVariables(judgments.decide(submission(task)));
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
  }

  private static ReviewJudgments.Submission submission(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    Map<String, Object> rubric = new LinkedHashMap<>();
    rubric.put("accuracy", task.getVariable(RUBRIC_ACCURACY));
    rubric.put("clarity", task.getVariable(RUBRIC_CLARITY));
    rubric.put("safety", task.getVariable(RUBRIC_SAFETY));
    return new ReviewJudgments.Submission(task.getExecution().getProcessBusinessKey(),
        ((Number) task.getVariable(ATTEMPT)).intValue(), task.getId(), task.getTaskDefinitionKey(), task.getAssignee(),
        user == null ? null : user.getUserId(), text(task, DECISION), text(task, REASON), text(task, DRAFT), rubric,
        Boolean.TRUE.equals(task.getVariable(CONFIRM_FINDINGS)),
        task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
        task.getVariableLocal(CLAIMED_AT) instanceof Date claimed ? claimed.toInstant() : null);
  }
}
