package dev.countersign.request;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppProcess;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.system.PostgresInstalled;
import dev.countersign.system.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request answered 201 survives a crash. Countersign runs as a process of its own with an
 * OpenAI-compatible server drafting slowly; requests are submitted by concurrent clients, the
 * process gets SIGKILL, and once it is started again on the same database every acknowledged
 * request is there, for its requester and for compliance, and reaches review.
 */
class CrashRecoveryIntegrationTests {


  // Threads for every call of the pool at once: the fake model answers after a fixed delay on a Jetty thread.
  private final WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
      .containerThreads(64).jettyAcceptors(2));
  private AppProcess app;
  private PostgresServer postgres;

  @BeforeEach
  void startLlm() {
    llm.start();
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT))
        .atPriority(1).willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.7, \"rationale\": \"Plausible\"}"))));
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

  /** Killed with 500 requests acknowledged and most of their drafts still to come, some of them in flight. */
  @Test
  void acknowledgedRequestsAndDraftsInFlightSurviveAKilledNodeOnTheDefaultDatabase(@TempDir Path directory)
      throws Exception {
    int requests = 500;
    int concurrency = 16;
    draftsAnswerAfter(2_000);
    app = new AppProcess(directory, TestHttp.freePort(), settings(concurrency, Map.of()));
    app.start();
    assertThat(app.logText()).contains("(WRITE_DELAY 0)");

    List<String> acknowledged = Submissions.submitAll(app.http(), requests, 8);
    int inReviewAtKill = Submissions.reviewTasks(app.http());
    assertThat(inReviewAtKill).as("drafts still to come when the node is killed").isLessThan(requests - 100);
    app.kill();
    long killed = System.nanoTime();
    app.start();
    try {
      Submissions.assertEveryRequestReachesReview(app.http(), acknowledged, Duration.ofMinutes(4));
    } catch (ConditionTimeoutException stuck) {
      throw new AssertionError(Submissions.reviewTasks(app.http()) + " of " + requests + " in review; the app's log "
          + "ends:\n" + app.logTail(), stuck);
    }
    long recoveredSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);

    int repeated = Submissions.repeatedDraftCalls(llm);
    System.out.printf("[crash, default H2] %d acknowledged, 0 lost; %d in review when killed; %d drafting calls "
        + "repeated (pool of %d); every request in review %d s after the kill%n",
        requests, inReviewAtKill, repeated, concurrency, recoveredSeconds);
    // At the model, or answered and not yet handed back: see WorkerCrashIntegrationTests.
    assertThat(repeated).as("drafting calls made twice").isLessThanOrEqualTo(2 * concurrency);
  }

  @Test
  @PostgresInstalled
  void acknowledgedRequestsSurviveKilledNodeAndDatabaseOnPostgres(@TempDir Path directory) throws Exception {
    draftsAnswerAfter(300);
    postgres = PostgresServer.startDurable(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    app = new AppProcess(directory, TestHttp.freePort(), settings(8, Map.of("SPRING_PROFILES_ACTIVE", "postgres",
        "DB_URL", postgres.jdbcUrl(), "DB_USER", "countersign", "DB_PASSWORD", "countersign", "DEMO_USERS", "true")));
    app.start();

    List<String> acknowledged = Submissions.submitAll(app.http(), 60, 8);
    // Both at once: the app, and every PostgreSQL process, so only what reached its write-ahead log is left.
    app.kill();
    postgres.crashAndRestart();
    app.start();

    Submissions.assertEveryRequestReachesReview(app.http(), acknowledged, Duration.ofMinutes(2));
  }

  private void draftsAnswerAfter(int millis) {
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("We have refunded the duplicate charge.")).withFixedDelay(millis)));
  }


  private Map<String, String> settings(int concurrency, Map<String, String> database) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "LLM_PROVIDER", "openai", "OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "test-key",
        "WORKER_CONCURRENCY", String.valueOf(concurrency),
        // Tasks the killed node had locked wait for their lock to lapse; the default is a minute.
        "COUNTERSIGN_WORKERS_LOCKDURATION", "5s", "CAMUNDA_BPM_CLIENT_LOCKDURATION", "5000"));
    settings.putAll(database);
    return settings;
  }
}
