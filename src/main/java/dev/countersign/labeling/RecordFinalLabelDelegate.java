package dev.countersign.labeling;

import static dev.countersign.labeling.DataLabeling.Variables.*;

import dev.countersign.system.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record final label": the label that stands, and how it was reached; the item is done. */
@Component("recordFinalLabel")
class RecordFinalLabelDelegate implements JavaDelegate {

  private final ItemLabels labels;

  RecordFinalLabelDelegate(ItemLabels labels) {
    this.labels = labels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    labels.finish(((Number) execution.getVariable(ITEM_ID)).longValue(),
        ProcessVariables.text(execution, FINAL_LABEL), ProcessVariables.text(execution, AGREEMENT),
        ((Number) execution.getVariable(MAJORITY_SHARE)).doubleValue());
  }
}
