package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.AppOverHttp;
import dev.countersign.system.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/** What Prometheus scrapes of the review queue and of decisions, after real reviews over HTTP. */
// Spring Boot's tests leave metrics unexported unless asked.
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {"countersign.review.queue-metrics-interval-ms=200",
    "countersign.automation.metrics-interval-ms=200"})
class ReviewMetricsIntegrationTests extends AppOverHttp {

  @Test
  void openTasksPerGroupDecisionsAndTimeToDecisionAreScraped() {
    String first = reviews.submit("requester", "metrics-drill", "Where is my order?", "medium").json()
        .get("processInstanceId").asText();
    String second = reviews.submit("requester", "metrics-drill", "Can I change my order?", "medium").json()
        .get("processInstanceId").asText();
    reviews.awaitTask(first, "reviewer", Roles.REVIEWERS);
    String task = reviews.awaitTask(second, "reviewer", Roles.REVIEWERS);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(queue()).contains("countersign_review_tasks_open{group=\"reviewers\"} 2.0"));
    assertThat(scrape()).contains("countersign_review_tasks_overdue{group=\"senior-reviewers\"} 0.0");

    reviews.claim(task, "reviewer");
    assertThat(reviews.submitForm(task, "reviewer", Map.of("decision", "edit", "reason", "Wrote the reply",
        "draft", "We have checked it for you.")).status())
        .isEqualTo(204);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(queue()).contains("countersign_review_tasks_open{group=\"reviewers\"} 1.0"));
    String metrics = scrape();
    assertThat(metrics).contains("countersign_decisions_total{decision=\"edit\",useCase=\"metrics-drill\"} 1.0")
        .contains("countersign_time_to_decision_seconds_count{riskTier=\"medium\"} 1")
        .contains("countersign_time_to_decision_seconds_bucket{riskTier=\"medium\",le=\"+Inf\"} 1");
    assertThat(http.get("/actuator/prometheus", null).status()).as("needs a login").isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", "reviewer").status()).as("the figures are for operations").isEqualTo(403);
    assertThat(http.get("/actuator/metrics/countersign.decisions", "requester").status()).isEqualTo(403);
    assertThat(http.get("/actuator/prometheus", "operator").status()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus", "countersign-worker:countersign-worker").status())
        .as("as Prometheus scrapes").isEqualTo(200);
  }

  /** Every series the shipped Grafana dashboard charts exists, once there is something to count. */
  @Test
  void theGrafanaDashboardChartsSeriesTheAppExports() throws Exception {
    String dashboard = Files.readString(Path.of("docker/grafana/countersign.json"));
    Set<String> charted = new TreeSet<>();
    Matcher series = Pattern.compile("countersign_[a-z_]+").matcher(dashboard);
    while (series.find()) {
      charted.add(series.group());
    }
    // Only a finished retraining counts candidates; OpenAiFineTuneIntegrationTests sees that counter.
    charted.remove("countersign_model_candidates_total");
    assertThat(charted).hasSizeGreaterThanOrEqualTo(9);
    String instance = reviews.submit("requester", "dashboard-drill", "Is the dashboard live?", "low").json()
        .get("processInstanceId").asText();
    String task = reviews.awaitTask(instance, "reviewer", Roles.REVIEWERS);
    reviews.claim(task, "reviewer");
    assertThat(reviews.submitForm(task, "reviewer", Map.of("decision", "edit", "reason", "Wrote the reply",
        "draft", "We have checked it for you.")).status())
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String metrics = scrape();
      assertThat(charted).allSatisfy(name -> assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]"));
    });
  }

  /** The queue's lines only, so a failure shows what was there. */
  private static String queue() {
    return scrape().lines().filter(line -> line.startsWith("countersign_review_tasks"))
        .collect(Collectors.joining("\n"));
  }

  private static String scrape() {
    return http.get("/actuator/prometheus", "demo").body();
  }
}
