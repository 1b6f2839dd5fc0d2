package dev.countersign.retraining;

import static dev.countersign.retraining.ModelRetraining.Variables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Find due use cases". */
@Component("findDueUseCases")
class FindDueUseCasesDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(FindDueUseCasesDelegate.class);

  private final RetrainingPlanner planner;

  FindDueUseCasesDelegate(RetrainingPlanner planner) {
    this.planner = planner;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> due = planner.dueUseCases((String) execution.getVariable(TRIGGERED_FOR),
        execution.getVariable(REQUESTED_BY) != null);
    log.info("Model retraining {}: use cases due {}", execution.getProcessInstanceId(), due);
    execution.setVariable(USE_CASES, due);
  }
}
