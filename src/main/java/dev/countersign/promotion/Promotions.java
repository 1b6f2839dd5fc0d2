package dev.countersign.promotion;

import dev.countersign.generation.PromptLibrary;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.system.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The people's side of candidate-promotion: the model owner's decision (with a reason, and never
 * by whoever proposed the candidate), then promotion or the recorded rejection. Each step is in the
 * candidate's evidence trail. Engine-free.
 */
@Service
class Promotions {

  private static final Logger log = LoggerFactory.getLogger(Promotions.class);

  /** A candidate as the process names it. */
  record Candidate(String kind, String version, String useCase) {

    boolean isModel() {
      return CandidatePromotion.MODEL.equals(kind);
    }
  }

  private final PromptChampions champions;
  private final ModelChampions models;
  private final ModelCandidates candidates;
  private final PromptLibrary prompts;
  private final AuditTrail audit;

  Promotions(PromptChampions champions, ModelChampions models, ModelCandidates candidates, PromptLibrary prompts,
      AuditTrail audit) {
    this.champions = champions;
    this.models = models;
    this.candidates = candidates;
    this.prompts = prompts;
    this.audit = audit;
  }

  /**
   * Why a candidate evaluated on {@code examples} held-out examples cannot be promoted, or null
   * when the evaluation is evidence enough.
   */
  static String evidenceShortfall(Integer examples, int minimum) {
    int evaluated = examples == null ? 0 : examples;
    return evaluated >= minimum ? null : "Evaluated on " + evaluated + " held-out example" + (evaluated == 1 ? "" : "s")
        + ", and promotion needs at least " + minimum + ": reject it, or propose it again once more human-approved "
        + "examples of this use case are held out.";
  }

  /** Refuses a decision the record could not stand behind. */
  static void checkDecision(String decision, String reason, String decider, String proposer, String shortfall) {
    if (!Decision.APPROVE.is(decision) && !Decision.REJECT.is(decision)) {
      throw new IllegalArgumentException("The decision must be approve or reject, not '" + decision + "'");
    }
    if (Decision.APPROVE.is(decision) && shortfall != null) {
      throw new IllegalArgumentException("No promotion without evidence. " + shortfall);
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A promotion decision needs a reason for the record");
    }
    if (decider.equals(proposer)) {
      throw new IllegalArgumentException("Four eyes: " + decider + " proposed this candidate and may not decide on it");
    }
  }

  /** Makes the candidate its use case's champion. */
  void promote(String chain, Candidate candidate, String decidedBy, String reason) {
    String useCase = candidate.useCase();
    if (candidate.isModel()) {
      ModelCandidate model = candidates.find(ModelCandidate.id(candidate.version())).orElseThrow();
      String previous = models.current(useCase).map(ModelCandidate::name).orElse(null);
      models.promote(model, decidedBy);
      candidates.decided(model.id(), ModelCandidates.Status.PROMOTED);
      audit.append(chain, "model.promoted", decidedBy, AuditTrail.details("useCase", useCase,
          "candidate", candidate.version(), "model", model.describe(), "replaces", previous, "reason", reason));
      log.info("Model candidate {} ({}) promoted for use case {} (replacing {})", candidate.version(),
          model.describe(), useCase, previous == null ? "the configured model" : previous);
      return;
    }
    String previous = champions.current(useCase);
    champions.promote(useCase, candidate.version(), decidedBy);
    prompts.decided(candidate.version(), "PROMOTED");
    audit.append(chain, "prompt.promoted", decidedBy, AuditTrail.details("useCase", useCase,
        "version", candidate.version(), "replaces", previous, "reason", reason));
    log.info("Prompt {} promoted for use case {} (replacing {})", candidate.version(), useCase, previous);
  }

  /** Records that the candidate was not promoted, and why. */
  void reject(String chain, Candidate candidate, String decidedBy, String reason) {
    if (candidate.isModel()) {
      candidates.decided(ModelCandidate.id(candidate.version()), ModelCandidates.Status.REJECTED);
    } else {
      prompts.decided(candidate.version(), "REJECTED");
    }
    audit.append(chain, candidate.isModel() ? "model.rejected" : "prompt.rejected", decidedBy,
        AuditTrail.details("useCase", candidate.useCase(), "version", candidate.version(), "reason", reason));
  }
}
