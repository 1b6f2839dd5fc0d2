package dev.countersign.retraining;

import org.springframework.stereotype.Component;

/** The retraining settings model-retraining.bpmn reads in its expressions ({@code ${retrainingPolicy.schedule}}). */
@Component("retrainingPolicy")
public class RetrainingPolicy {

  private final RetrainingProperties properties;

  RetrainingPolicy(RetrainingProperties properties) {
    this.properties = properties;
  }

  public String getSchedule() {
    return properties.schedule();
  }

  /** ISO 8601, as a timer's duration wants it. */
  public String getPollInterval() {
    return properties.pollInterval().toString();
  }

  public int getMinExamples() {
    return properties.minExamples();
  }
}
