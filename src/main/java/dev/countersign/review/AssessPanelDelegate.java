package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.ATTEMPT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Assess panel": what the panel's decisions add up to ({@link PanelReviews}). */
@Component("assessPanel")
class AssessPanelDelegate implements JavaDelegate {

  private final PanelReviews panels;

  AssessPanelDelegate(PanelReviews panels) {
    this.panels = panels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariables(panels.assess(execution.getProcessBusinessKey(),
        ((Number) execution.getVariable(ATTEMPT)).intValue()));
  }
}
