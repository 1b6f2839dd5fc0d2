package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

class RenamedSettingsTests {

  @Test
  void applicationYamlFallsBackToTheOldNameAndPrefersTheNewOne() throws Exception {
    assertThat(concurrency(Map.of("LLM_CONCURRENCY", "4"))).isEqualTo("4");
    assertThat(concurrency(Map.of("LLM_CONCURRENCY", "4", "WORKER_CONCURRENCY", "6"))).isEqualTo("6");
    assertThat(concurrency(Map.of())).isEqualTo("8");
  }

  private static String concurrency(Map<String, Object> variables) throws Exception {
    // Only the given variables: whatever this machine's environment sets must not decide the test.
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
        .forEach(environment.getPropertySources()::addLast);
    return environment.getProperty("countersign.workers.concurrency");
  }

  @Test
  void anOldNameIsStillReadButNamesItsReplacement() {
    MockEnvironment environment = new MockEnvironment().withProperty("LLM_CONCURRENCY", "4")
        .withProperty("LLM_RETRIES", "5").withProperty("WORKER_RETRIES", "2");

    assertThat(RenamedSettings.warnings(environment)).containsExactly(
        "LLM_CONCURRENCY is read for one more release only: set WORKER_CONCURRENCY instead.",
        "LLM_RETRIES is ignored: WORKER_RETRIES is set too. Remove LLM_RETRIES.");
    assertThat(RenamedSettings.warnings(new MockEnvironment().withProperty("WORKER_CONCURRENCY", "4"))).isEmpty();
  }
}
