package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.generation.PromptLibrary;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Stores a proposed prompt version as a candidate, whichever way it was proposed: through
 * /api/prompts, or as the start listener of candidate-promotion when a model owner uses the
 * Tasklist's start form.
 */
@Component("proposePrompt")
class PromptProposals implements ExecutionListener {

  private final PromptLibrary prompts;
  private final PromptChampions champions;

  PromptProposals(PromptLibrary prompts, PromptChampions champions) {
    this.prompts = prompts;
    this.champions = champions;
  }

  /** Returns the new version's id; refuses an incomplete proposal with the reason. */
  String store(String useCase, String baseVersion, String system, String user, String proposer) {
    if (blank(useCase) || (blank(system) && blank(user))) {
      throw new IllegalArgumentException("A proposal needs a use case and a system part, a user part or both");
    }
    if (!blank(user) && !user.contains("{input}")) {
      throw new IllegalArgumentException("The user part must contain {input}, where the request goes; it may also "
          + "use {useCase}, {examples} and {revision}");
    }
    return prompts.createCandidate(blank(baseVersion) ? champions.current(useCase) : baseVersion,
        blank(system) ? null : system, blank(user) ? null : user, proposer);
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(CANDIDATE_VERSION) != null) {
      return;
    }
    String proposer = AuditTrail.actor(execution.getProcessEngineServices().getIdentityService());
    String version;
    try {
      version = store(ProcessVariables.text(execution, USE_CASE), ProcessVariables.text(execution, BASE_VERSION),
          ProcessVariables.text(execution, SYSTEM_TEXT), ProcessVariables.text(execution, USER_TEXT), proposer);
    } catch (IllegalArgumentException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    execution.setProcessBusinessKey(CandidatePromotion.KEY_PREFIX + version);
    execution.setVariable(CANDIDATE_VERSION, version);
    execution.setVariable(PROPOSED_BY, proposer);
    execution.setVariable(CANDIDATE_DESCRIPTION, describe(version, proposer));
  }

  static String describe(String version, String proposer) {
    return "prompt version " + version + ", written by " + proposer;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
