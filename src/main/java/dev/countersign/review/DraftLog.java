package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import dev.countersign.oversight.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps and numbers every draft, and its screening, as the engine accepts each worker's result. Called
 * from execution listeners on "Generate draft" and "Screen draft".
 */
@Component("draftLog")
// Public because the engine's expression language can only call public classes.
public class DraftLog {

  private final ReviewRecords records;
  private final AuditTrail audit;

  DraftLog(ReviewRecords records, AuditTrail audit) {
    this.records = records;
    this.audit = audit;
  }

  public void recordDraft(DelegateExecution execution) {
    String requestId = execution.getProcessBusinessKey();
    String text = (String) execution.getVariable(GENERATED_DRAFT);
    String model = (String) execution.getVariable(DRAFT_MODEL);
    String promptVersion = (String) execution.getVariable(PROMPT_VERSION);
    Integer promptTokens = integerOf(execution.getVariable(PROMPT_TOKENS));
    Integer completionTokens = integerOf(execution.getVariable(COMPLETION_TOKENS));
    String memories = (String) execution.getVariable(MEMORIES_USED);
    int attempt = records.insertDraft(requestId, text, model, promptVersion, promptTokens, completionTokens, memories);
    // The gateway after screening and the auto-approval table count drafts by this variable.
    execution.setVariable(ATTEMPT, attempt);
    audit.append(requestId, "draft.generated", actor(execution), AuditTrail.details("attempt", attempt,
        "model", model, "promptVersion", promptVersion, "promptTokens", promptTokens,
        "completionTokens", completionTokens, "draftSha256", AuditTrail.digest(text), "memories", memories));
  }

  public void recordScreening(DelegateExecution execution) {
    String requestId = execution.getProcessBusinessKey();
    int attempt = intOf(execution.getVariable(ATTEMPT));
    boolean pii = Boolean.TRUE.equals(execution.getVariable(PII_FOUND));
    boolean policy = Boolean.TRUE.equals(execution.getVariable(POLICY_HIT));
    Double score = execution.getVariable(JUDGE_SCORE) instanceof Number n ? n.doubleValue() : null;
    String findings = (String) execution.getVariable(FINDINGS);
    records.updateScreening(requestId, attempt, pii, policy, score, findings);
    audit.append(requestId, "draft.screened", actor(execution), AuditTrail.details("attempt", attempt,
        "piiFound", pii, "policyHit", policy, "judgeScore", score, "findings", findings));
  }

  private static String actor(DelegateExecution execution) {
    return AuditTrail.actor(execution.getProcessEngineServices().getIdentityService());
  }

  private static int intOf(Object value) {
    return ((Number) value).intValue();
  }

  private static Integer integerOf(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }
}
