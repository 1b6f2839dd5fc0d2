package dev.countersign.automation;

import dev.countersign.system.Roles;
import dev.countersign.system.StartableProcess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AutomationStart {

  /** Compliance looks for earned automation now, from /api/automation/review or /engine-rest's message start. */
  @Bean
  StartableProcess startableAutomationReview() {
    return new StartableProcess(AutomationReview.PROCESS_KEY, List.of(Roles.COMPLIANCE));
  }
}
