package dev.countersign.automation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param window how far back the evidence looks
 * @param schedule when {@code automation-review} looks for earned automation (a Camunda time cycle)
 * @param cooldown how long a rejected proposal is held back before the pair may be proposed again
 * @param driftWindow how many of a pair's latest audits the drift rule looks at
 */
@ConfigurationProperties("countersign.automation")
record AutomationProperties(Duration window, String schedule, Duration cooldown, int driftWindow) {}
