package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record rejection". */
@Component("rejectCandidate")
class RecordRejectionDelegate implements JavaDelegate {

  private final Promotions promotions;

  RecordRejectionDelegate(Promotions promotions) {
    this.promotions = promotions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    promotions.reject(execution.getProcessBusinessKey(), PromoteCandidateDelegate.candidate(execution),
        (String) execution.getVariable(DECIDED_BY), (String) execution.getVariable(REASON));
  }
}
