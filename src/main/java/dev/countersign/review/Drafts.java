package dev.countersign.review;

import dev.countersign.oversight.AuditTrail;
import org.springframework.stereotype.Service;

/**
 * Every draft of a request and its screening, numbered and in the evidence trail. Engine-free: the
 * draft log calls it as the engine accepts each worker's result.
 */
@Service
class Drafts {

  record Generated(String text, String model, String promptVersion, Integer promptTokens, Integer completionTokens,
      String memoriesJson) {}

  record Screened(boolean piiFound, boolean policyHit, Double judgeScore, String findingsJson) {}

  private final ReviewRecords records;
  private final AuditTrail audit;

  Drafts(ReviewRecords records, AuditTrail audit) {
    this.records = records;
    this.audit = audit;
  }

  /** Keeps the request's next draft and audits it (a digest, never the text); returns its number. */
  int generated(String requestId, Generated draft, String actor) {
    int attempt = records.insertDraft(requestId, draft.text(), draft.model(), draft.promptVersion(),
        draft.promptTokens(), draft.completionTokens(), draft.memoriesJson());
    audit.append(requestId, "draft.generated", actor, AuditTrail.details("attempt", attempt,
        "model", draft.model(), "promptVersion", draft.promptVersion(), "promptTokens", draft.promptTokens(),
        "completionTokens", draft.completionTokens(), "draftSha256", AuditTrail.digest(draft.text()),
        "memories", draft.memoriesJson()));
    return attempt;
  }

  void screened(String requestId, int attempt, Screened screening, String actor) {
    records.updateScreening(requestId, attempt, screening.piiFound(), screening.policyHit(), screening.judgeScore(),
        screening.findingsJson());
    audit.append(requestId, "draft.screened", actor, AuditTrail.details("attempt", attempt,
        "piiFound", screening.piiFound(), "policyHit", screening.policyHit(), "judgeScore", screening.judgeScore(),
        "findings", screening.findingsJson()));
  }
}
