package dev.countersign.labeling;

import static dev.countersign.labeling.DataLabeling.Variables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Assess labels": what the item's labels add up to, for the gateway and the labeling policy. Only
 * now, with every label in, does the instance learn whether the item was a gold item.
 */
@Component("assessLabels")
class AssessLabelsDelegate implements JavaDelegate {

  private final ItemLabels labels;

  AssessLabelsDelegate(ItemLabels labels) {
    this.labels = labels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ItemLabels.Assessment assessment = labels.assess(((Number) execution.getVariable(ITEM_ID)).longValue());
    Map<String, Object> variables = new HashMap<>();
    variables.put(GOLD, assessment.gold());
    variables.put(UNANIMOUS, assessment.verdict().unanimous());
    variables.put(MAJORITY_SHARE, assessment.verdict().majorityShare());
    variables.put(MAJORITY_LABEL, assessment.schema().toJson(assessment.verdict().majority()));
    variables.put(FINAL_LABEL, assessment.schema().toJson(assessment.standing()));
    variables.put(AGREEMENT, assessment.agreement());
    execution.setVariables(variables);
  }
}
