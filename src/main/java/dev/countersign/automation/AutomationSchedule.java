package dev.countersign.automation;

import org.springframework.stereotype.Component;

/** The timer start of automation-review reads its cycle here ({@code AUTOMATION_REVIEW_SCHEDULE}). */
@Component("automationSchedule")
// Public because the engine's expression language can only call public classes.
public class AutomationSchedule {

  private final AutomationProperties properties;

  AutomationSchedule(AutomationProperties properties) {
    this.properties = properties;
  }

  public String getCycle() {
    return properties.schedule();
  }
}
