package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Promote candidate". */
@Component("promoteCandidate")
class PromoteCandidateDelegate implements JavaDelegate {

  private final Promotions promotions;

  PromoteCandidateDelegate(Promotions promotions) {
    this.promotions = promotions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    promotions.promote(execution.getProcessBusinessKey(), candidate(execution),
        (String) execution.getVariable(DECIDED_BY), (String) execution.getVariable(REASON));
  }

  static Promotions.Candidate candidate(DelegateExecution execution) {
    return new Promotions.Candidate((String) execution.getVariable(CANDIDATE_KIND),
        (String) execution.getVariable(CANDIDATE_VERSION), (String) execution.getVariable(USE_CASE));
  }
}
