package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;
import static dev.countersign.system.ProcessVariables.text;

import dev.countersign.oversight.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * End listeners of "Generate draft" and "Screen draft": each worker's result, as the engine accepts
 * it, goes to {@link Drafts}, which keeps and numbers the drafts.
 */
@Component("draftLog")
// Public because the engine's expression language can only call public classes.
public class DraftLog {

  private final Drafts drafts;

  DraftLog(Drafts drafts) {
    this.drafts = drafts;
  }

  public void recordDraft(DelegateExecution execution) {
    int attempt = drafts.generated(execution.getProcessBusinessKey(), new Drafts.Generated(
        text(execution, GENERATED_DRAFT), text(execution, DRAFT_MODEL), text(execution, PROMPT_VERSION),
        integerOf(execution.getVariable(PROMPT_TOKENS)), integerOf(execution.getVariable(COMPLETION_TOKENS)),
        text(execution, MEMORIES_USED)), actor(execution));
    // The gateway after screening and the auto-approval table count drafts by this variable.
    execution.setVariable(ATTEMPT, attempt);
  }

  public void recordScreening(DelegateExecution execution) {
    drafts.screened(execution.getProcessBusinessKey(), ((Number) execution.getVariable(ATTEMPT)).intValue(),
        new Drafts.Screened(Boolean.TRUE.equals(execution.getVariable(PII_FOUND)),
            Boolean.TRUE.equals(execution.getVariable(POLICY_HIT)),
            execution.getVariable(JUDGE_SCORE) instanceof Number n ? n.doubleValue() : null,
            text(execution, FINDINGS)), actor(execution));
  }

  private static String actor(DelegateExecution execution) {
    return AuditTrail.actor(execution.getProcessEngineServices().getIdentityService());
  }

  private static Integer integerOf(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }
}
