package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps every draft and its screening, written as the engine accepts each worker's result. Called
 * from execution listeners on "Generate draft" and "Screen draft".
 */
@Component("draftLog")
// Public because the engine's expression language can only call public classes.
public class DraftLog {

  private final ReviewRecords records;

  DraftLog(ReviewRecords records) {
    this.records = records;
  }

  public void recordDraft(DelegateExecution execution) {
    records.insertDraft(execution.getProcessBusinessKey(), intOf(execution.getVariable(ATTEMPT)),
        (String) execution.getVariable(GENERATED_DRAFT), (String) execution.getVariable(DRAFT_MODEL),
        (String) execution.getVariable(PROMPT_VERSION), integerOf(execution.getVariable(PROMPT_TOKENS)),
        integerOf(execution.getVariable(COMPLETION_TOKENS)));
  }

  public void recordScreening(DelegateExecution execution) {
    Object score = execution.getVariable(JUDGE_SCORE);
    records.updateScreening(execution.getProcessBusinessKey(), intOf(execution.getVariable(ATTEMPT)),
        Boolean.TRUE.equals(execution.getVariable(PII_FOUND)), Boolean.TRUE.equals(execution.getVariable(POLICY_HIT)),
        score instanceof Number n ? n.doubleValue() : null, (String) execution.getVariable(FINDINGS));
  }

  private static int intOf(Object value) {
    return ((Number) value).intValue();
  }

  private static Integer integerOf(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }
}
