package dev.countersign.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Settings renamed once they served every worker, not only LLM calls. The old names are still read
 * (application.yaml falls back to them) until the next release; whoever still sets one is told at start.
 */
@Component
class RenamedSettings implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(RenamedSettings.class);

  static final Map<String, String> RENAMED = Map.of(
      "LLM_CONCURRENCY", "WORKER_CONCURRENCY",
      "LLM_RETRIES", "WORKER_RETRIES",
      "LLM_RETRY_BACKOFF", "WORKER_RETRY_BACKOFF");

  private final Environment environment;

  RenamedSettings(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void afterPropertiesSet() {
    warnings(environment).forEach(log::warn);
  }

  static List<String> warnings(Environment environment) {
    List<String> warnings = new ArrayList<>();
    RENAMED.forEach((old, now) -> {
      if (environment.containsProperty(old)) {
        warnings.add(environment.containsProperty(now)
            ? old + " is ignored: " + now + " is set too. Remove " + old + "."
            : old + " is read for one more release only: set " + now + " instead.");
      }
    });
    warnings.sort(null);
    return warnings;
  }
}
