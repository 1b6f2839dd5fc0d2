package dev.countersign.learning;

import static dev.countersign.learning.CandidatePromotion.Variables.*;

import dev.countersign.generation.ModelCandidates;
import dev.countersign.generation.ModelCandidates.ModelCandidate;
import dev.countersign.generation.ModelChampions;
import dev.countersign.generation.PromptChampions;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.ProcessVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The people's side of candidate-promotion: the model owner's decision (with a reason, and never
 * by whoever proposed the candidate), then promotion or the recorded rejection. Each step is in the
 * candidate's evidence trail.
 */
@Configuration(proxyBeanMethods = false)
class PromotionDecisions {

  private static final Logger log = LoggerFactory.getLogger(PromotionDecisions.class);

  @Bean
  TaskListener promotionDecision() {
    return task -> {
      String decider = task.getAssignee() != null ? task.getAssignee()
          : AuditTrail.actor(task.getProcessEngineServices().getIdentityService());
      String decision = ProcessVariables.text(task, DECISION);
      String reason = ProcessVariables.text(task, REASON);
      if (!"approve".equals(decision) && !"reject".equals(decision)) {
        throw new BadUserRequestException("The decision must be approve or reject, not '" + decision + "'");
      }
      if (reason == null || reason.isBlank()) {
        throw new BadUserRequestException("A promotion decision needs a reason for the record");
      }
      if (decider.equals(ProcessVariables.text(task, PROPOSED_BY))) {
        throw new BadUserRequestException("Four eyes: " + decider + " proposed this candidate and may not decide on it");
      }
      task.setVariable(DECIDED_BY, decider);
    };
  }

  @Bean
  JavaDelegate promoteCandidate(PromptChampions champions, ModelChampions models, ModelCandidates candidates,
      JdbcTemplate jdbc, AuditTrail audit) {
    return execution -> {
      String version = (String) execution.getVariable(CANDIDATE_VERSION);
      String useCase = (String) execution.getVariable(USE_CASE);
      if (isModel(execution)) {
        ModelCandidate candidate = candidates.find(ModelCandidate.id(version)).orElseThrow();
        String previous = models.current(useCase).map(ModelCandidate::name).orElse(null);
        models.promote(candidate, (String) execution.getVariable(DECIDED_BY));
        candidates.decided(candidate.id(), ModelCandidates.Status.PROMOTED);
        audit.append(execution.getProcessBusinessKey(), "model.promoted", (String) execution.getVariable(DECIDED_BY),
            AuditTrail.details("useCase", useCase, "candidate", version, "model", candidate.describe(),
                "replaces", previous, "reason", execution.getVariable(REASON)));
        log.info("Model candidate {} ({}) promoted for use case {} (replacing {})", version, candidate.describe(),
            useCase, previous == null ? "the configured model" : previous);
        return;
      }
      String previous = champions.current(useCase);
      champions.promote(useCase, version, (String) execution.getVariable(DECIDED_BY));
      jdbc.update("update cs_prompt_version set status = 'PROMOTED' where id = ?", version);
      audit.append(execution.getProcessBusinessKey(), "prompt.promoted", (String) execution.getVariable(DECIDED_BY),
          AuditTrail.details("useCase", useCase, "version", version, "replaces", previous,
              "reason", execution.getVariable(REASON)));
      log.info("Prompt {} promoted for use case {} (replacing {})", version, useCase, previous);
    };
  }

  @Bean
  JavaDelegate rejectCandidate(ModelCandidates candidates, JdbcTemplate jdbc, AuditTrail audit) {
    return execution -> {
      String version = (String) execution.getVariable(CANDIDATE_VERSION);
      if (isModel(execution)) {
        candidates.decided(ModelCandidate.id(version), ModelCandidates.Status.REJECTED);
      } else {
        jdbc.update("update cs_prompt_version set status = 'REJECTED' where id = ?", version);
      }
      audit.append(execution.getProcessBusinessKey(), isModel(execution) ? "model.rejected" : "prompt.rejected",
          (String) execution.getVariable(DECIDED_BY),
          AuditTrail.details("useCase", execution.getVariable(USE_CASE), "version", version,
              "reason", execution.getVariable(REASON)));
    };
  }

  private static boolean isModel(DelegateExecution execution) {
    return CandidatePromotion.MODEL.equals(execution.getVariable(CANDIDATE_KIND));
  }
}
