package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.system.ProcessVariables;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On claim and completion of any review task: enforces separation of duties, checks what the
 * person submitted, whatever client they used (Tasklist, REST, Java), and records the decision in
 * the same transaction. A refused claim or submission leaves the task as it was, with a 400 and
 * the reason.
 */
@Component("reviewDecisions")
class ReviewDecisions implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(ReviewDecisions.class);

  private final ReviewRecords records;
  private final ObjectMapper json;

  ReviewDecisions(ReviewRecords records, ObjectMapper json) {
    this.records = records;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      refuseIfBarred(task, task.getAssignee());
      // Time on task runs from the claim; oversight watches for decisions made too fast.
      task.setVariableLocal(CLAIMED_AT, task.getAssignee() == null ? null : new Date());
      return;
    }
    String current = currentUser(task);
    String reviewer = task.getAssignee() != null ? task.getAssignee() : current;
    if (reviewer == null) {
      throw new BadUserRequestException("Claim the task before completing it: every decision needs a named reviewer");
    }
    refuseIfBarred(task, reviewer);
    refuseIfBarred(task, current);
    boolean secondReview = LlmOutputReview.Elements.SECOND_REVIEW.equals(task.getTaskDefinitionKey());
    String generated = ProcessVariables.text(task, GENERATED_DRAFT);
    // A second reviewer confirms the text the first one approved; they cannot swap in another.
    String base = secondReview ? ProcessVariables.text(task, APPROVED_TEXT) : generated;
    String reviewed = secondReview ? base : ProcessVariables.text(task, DRAFT);
    ReviewDecision decision;
    try {
      decision = ReviewDecision.of(ProcessVariables.text(task, DECISION), ProcessVariables.text(task, REASON),
          reviewed, base);
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    records.insertDecision(task.getExecution().getProcessBusinessKey(),
        ((Number) task.getVariable(ATTEMPT)).intValue(), task.getId(), task.getTaskDefinitionKey(),
        reviewer, decision, rubric(task), task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
        task.getVariableLocal(CLAIMED_AT) instanceof Date claimed ? claimed.toInstant() : null);
    log.info("Review request {}: {} decided '{}' in {}", task.getExecution().getProcessBusinessKey(), reviewer,
        decision.decision(), task.getTaskDefinitionKey());
    task.setVariable(DECISION, decision.decision());
    if (decision.isReject()) {
      task.setVariable(REJECTED_DRAFT, generated);
      task.setVariable(REVIEW_FEEDBACK, decision.reason());
    } else if (secondReview) {
      task.setVariable(DRAFT, base);
    } else {
      task.setVariable(FIRST_REVIEWER, reviewer);
      task.setVariable(APPROVED_TEXT, decision.finalText());
    }
  }

  private static void refuseIfBarred(DelegateTask task, String person) {
    SeparationOfDuties.refusal(task.getTaskDefinitionKey(), person, ProcessVariables.text(task, REQUESTER),
        ProcessVariables.text(task, FIRST_REVIEWER)).ifPresent(reason -> {
          throw new BadUserRequestException(reason);
        });
  }

  private static String currentUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private String rubric(DelegateTask task) {
    Map<String, Object> scores = new LinkedHashMap<>();
    putScore(scores, "accuracy", task.getVariable(RUBRIC_ACCURACY));
    putScore(scores, "clarity", task.getVariable(RUBRIC_CLARITY));
    putScore(scores, "safety", task.getVariable(RUBRIC_SAFETY));
    if (scores.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(scores);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putScore(Map<String, Object> scores, String name, Object value) {
    if (value instanceof Number score) {
      if (score.doubleValue() < 1 || score.doubleValue() > 5) {
        throw new BadUserRequestException("Rubric score '" + name + "' must be between 1 and 5, not " + score);
      }
      scores.put(name, score);
    }
  }
}
