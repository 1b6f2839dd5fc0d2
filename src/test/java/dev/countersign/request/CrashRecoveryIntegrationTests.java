package dev.countersign.request;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppProcess;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request answered 201 survives a crash. Countersign runs as a process of its own with an
 * OpenAI-compatible server drafting slowly; requests are submitted by concurrent clients, the
 * process gets SIGKILL right after the last 201, and once it is started again on the same database
 * every acknowledged request is there, for its requester and for compliance, and reaches review.
 */
class CrashRecoveryIntegrationTests {

  private static final int REQUESTS = 60;
  private static final int CLIENTS = 8;
  private static final int LLM_LATENCY_MS = 300;
  private static final Optional<Path> POSTGRES = PostgresServer.installation();

  private final WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private AppProcess app;
  private PostgresServer postgres;

  static boolean postgresInstalled() {
    return POSTGRES.isPresent();
  }

  @BeforeEach
  void startLlm() {
    llm.start();
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT))
        .atPriority(1).willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.7, \"rationale\": \"Plausible\"}"))));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("We have refunded the duplicate charge.")).withFixedDelay(LLM_LATENCY_MS)));
  }

  @AfterEach
  void stopAll() throws Exception {
    // Killed, not stopped: a graceful stop waits up to 20 s for the workers' long poll, and nothing is checked after it.
    if (app != null) {
      app.kill();
    }
    llm.stop();
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  void acknowledgedRequestsSurviveAKilledNodeOnTheDefaultDatabase(@TempDir Path directory) throws Exception {
    app = new AppProcess(directory, TestHttp.freePort(), settings(Map.of()));
    app.start();
    assertThat(app.logText()).contains("(WRITE_DELAY 0)");

    List<String> acknowledged = submitAll(app.http());
    app.kill();
    app.start();

    assertEveryRequestReachesReview(app.http(), acknowledged);
  }

  @Test
  @EnabledIf(value = "postgresInstalled",
      disabledReason = "No PostgreSQL server under /usr/lib/postgresql (Debian: apt-get install postgresql); .ci/run installs it")
  void acknowledgedRequestsSurviveKilledNodeAndDatabaseOnPostgres(@TempDir Path directory) throws Exception {
    postgres = PostgresServer.startDurable(POSTGRES.orElseThrow(), TestHttp.freePort());
    app = new AppProcess(directory, TestHttp.freePort(), settings(Map.of("SPRING_PROFILES_ACTIVE", "postgres",
        "DB_URL", postgres.jdbcUrl(), "DB_USER", "countersign", "DB_PASSWORD", "countersign", "DEMO_USERS", "true")));
    app.start();

    List<String> acknowledged = submitAll(app.http());
    // Both at once: the app, and every PostgreSQL process, so only what reached its write-ahead log is left.
    app.kill();
    postgres.crashAndRestart();
    app.start();

    assertEveryRequestReachesReview(app.http(), acknowledged);
  }

  private Map<String, String> settings(Map<String, String> database) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "LLM_PROVIDER", "openai", "OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "test-key",
        "WORKER_CONCURRENCY", "8",
        // Tasks the killed node had locked wait for their lock to lapse; the default is a minute.
        "COUNTERSIGN_WORKERS_LOCKDURATION", "5s", "CAMUNDA_BPM_CLIENT_LOCKDURATION", "5000"));
    settings.putAll(database);
    return settings;
  }

  /** Every request from concurrent clients; the ids of those answered 201, as soon as the last one is. */
  private static List<String> submitAll(TestHttp http) throws InterruptedException {
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> {
        for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
          TestHttp.Response created = http.post("/api/reviews", "requester", TestHttp.json(Map.of(
              "useCase", "billing", "input", "Why was I charged twice? (request " + i + ")", "riskTier", "medium")));
          if (created.status() == 201) {
            acknowledged.add(created.json().get("id").asText());
          } else {
            refused.add(created.status() + " " + created.body());
          }
        }
      });
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("submissions finished").isTrue();
    assertThat(refused).as("requests refused before the crash").isEmpty();
    assertThat(acknowledged).hasSize(REQUESTS);
    return acknowledged;
  }

  private static void assertEveryRequestReachesReview(TestHttp http, List<String> acknowledged) {
    String reviewTasks = "/engine-rest/task/count?processDefinitionKey=" + LlmOutputReview.PROCESS_KEY
        + "&taskDefinitionKey=" + LlmOutputReview.Elements.REVIEW_DRAFT;
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> http.get(reviewTasks, "demo").json().get("count").asInt() >= acknowledged.size());
    List<String> notInReview = acknowledged.stream()
        .filter(id -> !"IN_REVIEW".equals(status(http, id, "requester")) || !"IN_REVIEW".equals(status(http, id, "compliance")))
        .toList();
    assertThat(notInReview).as("acknowledged requests that their requester or compliance cannot see in review").isEmpty();
  }

  private static String status(TestHttp http, String id, String user) {
    TestHttp.Response review = http.get("/api/reviews/" + id, user);
    return review.status() == 200 ? review.json().get("status").asText() : "HTTP " + review.status();
  }
}
