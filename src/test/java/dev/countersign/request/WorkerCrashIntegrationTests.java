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
import dev.countersign.system.PostgresInstalled;
import dev.countersign.system.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers as processes of their own ({@code worker} profile) against one engine node whose in-app
 * workers are off, on PostgreSQL: one of two workers is killed with its calls to the model in
 * flight, and the other finishes its work. Only the calls whose answers died with it are made again.
 */
@PostgresInstalled
class WorkerCrashIntegrationTests {

  private static final int REQUESTS = 200;
  private static final int POOL = 8;
  private static final int LLM_LATENCY_MS = 2_000;
  private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^countersign_worker_in_flight(?:\\{[^}]*})? ([0-9.]+)$");

  private final WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
      .containerThreads(64).jettyAcceptors(2));
  private final List<AppProcess> processes = new ArrayList<>();
  private PostgresServer postgres;

  @AfterEach
  void stopAll() throws Exception {
    for (AppProcess process : processes) {
      process.kill();
    }
    llm.stop();
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  void aKilledWorkersTasksAreFinishedByTheOtherAndOnlyItsCallsInFlightAreRepeated(@TempDir Path directory)
      throws Exception {
    llm.start();
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT))
        .atPriority(1).willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.7, \"rationale\": \"Plausible\"}"))));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("We have refunded the duplicate charge.")).withFixedDelay(LLM_LATENCY_MS)));
    postgres = PostgresServer.start(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    Map<String, String> database = Map.of("DB_URL", postgres.jdbcUrl(), "DB_USER", "countersign",
        "DB_PASSWORD", "countersign");

    AppProcess engine = process(directory, "engine", database, Map.of("SPRING_PROFILES_ACTIVE", "postgres",
        "WORKERS_ENABLED", "false", "DEMO_USERS", "true"));
    engine.start();
    String engineRest = "http://localhost:" + engine.port() + "/engine-rest";
    Map<String, String> worker = new HashMap<>(Map.of("SPRING_PROFILES_ACTIVE", "postgres,worker",
        "ENGINE_REST_URL", engineRest, "LLM_PROVIDER", "openai", "OPENAI_BASE_URL", llm.baseUrl(),
        "OPENAI_API_KEY", "test-key", "WORKER_CONCURRENCY", String.valueOf(POOL),
        // A dead worker's tasks wait for their locks to lapse; the default is a minute.
        "COUNTERSIGN_WORKERS_LOCKDURATION", "5s", "CAMUNDA_BPM_CLIENT_LOCKDURATION", "5000"));
    AppProcess doomed = process(directory, "worker-a", database, worker);
    AppProcess survivor = process(directory, "worker-b", database, worker);
    doomed.begin();
    survivor.begin();
    doomed.awaitReady();
    survivor.awaitReady();
    assertThat(doomed.logText()).contains("Workers fetching from " + engineRest).doesNotContain("Process Engine");

    List<String> acknowledged = Submissions.submitAll(engine.http(), REQUESTS, 8);
    await().atMost(Duration.ofMinutes(1)).until(() -> inFlight(doomed) >= POOL / 2);
    int inFlightAtKill = inFlight(doomed);
    int inReviewAtKill = Submissions.reviewTasks(engine.http());
    doomed.kill();
    long killed = System.nanoTime();

    Submissions.assertEveryRequestReachesReview(engine.http(), acknowledged, Duration.ofMinutes(4));
    long recoveredSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
    int repeated = Submissions.repeatedDraftCalls(llm);
    System.out.printf("[killed worker] %d requests, 0 lost; the killed worker held %d tasks (at most %d of them at the "
        + "model), %d requests were in review then; %d drafting calls repeated; every request in review %d s after "
        + "the kill%n", REQUESTS, inFlightAtKill, POOL, inReviewAtKill, repeated, recoveredSeconds);
    // At the model (at most the pool) or answered and not yet handed back (at most the hand-back threads, one per
    // pool slot, while the engine keeps up): both live only in the dead worker's memory.
    assertThat(repeated).as("drafting calls made twice").isLessThanOrEqualTo(2 * POOL);
    // Results only the draft log reads crossed the REST API as transient: kept with the draft, not as variables.
    assertThat(variableCount(engine, LlmOutputReview.Variables.DRAFT)).isGreaterThanOrEqualTo(REQUESTS);
    for (String transientResult : List.of(LlmOutputReview.Variables.GENERATED_DRAFT,
        LlmOutputReview.Variables.MEMORIES_USED, LlmOutputReview.Variables.FINDINGS)) {
      assertThat(variableCount(engine, transientResult)).as(transientResult).isZero();
    }
  }

  private static int variableCount(AppProcess engine, String name) {
    return engine.http().get("/engine-rest/history/variable-instance/count?variableName=" + name, "demo").json()
        .get("count").asInt();
  }

  private AppProcess process(Path directory, String name, Map<String, String> database, Map<String, String> settings)
      throws Exception {
    Map<String, String> environment = new HashMap<>(database);
    environment.putAll(settings);
    environment.put("HOSTNAME", name);
    AppProcess process = new AppProcess(Files.createDirectories(directory.resolve(name)), TestHttp.freePort(), environment);
    processes.add(process);
    return process;
  }

  /** Tasks the worker holds (at the model, waiting for it, or being handed back): its own gauge, scraped as Prometheus would. */
  private static int inFlight(AppProcess worker) {
    Matcher gauge = IN_FLIGHT.matcher(worker.http().get("/actuator/prometheus", null).body());
    return gauge.find() ? (int) Double.parseDouble(gauge.group(1)) : 0;
  }
}
