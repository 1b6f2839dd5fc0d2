package dev.countersign.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Throughput of the review pipeline: N requests through the real app (HTTP API, engine on a file
 * H2, in-app workers, Spring AI's OpenAI client) against a fake OpenAI-compatible server that
 * answers after L ms; a scripted reviewer approves every task.
 *
 * <pre>./mvnw test -Pbenchmark -Dbench.requests=400 -Dbench.latencyMs=500 -Dbench.concurrency=32</pre>
 *
 * Two phases: first every request is submitted and the pipeline runs until every review task is
 * ready, with the reviewer idle; then the scripted reviewer decides them all. Prints reviews per
 * second to "task ready" (phase 1) and to "decided" (end to end), and LLM-stage utilisation: the
 * achieved LLM call rate over the most the worker pool allows (concurrency / L).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
class ReviewPipelineBenchmark {

  private static final int REQUESTS = Integer.getInteger("bench.requests", 300);
  private static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 500);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 400);
  private static final int PORT = TestHttp.freePort();
  private static final WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
      .containerThreads(Math.max(64, CONCURRENCY * 2 + 16)).asynchronousResponseEnabled(true)
      .asynchronousResponseThreads(Math.max(16, CONCURRENCY)).disableRequestJournal().stubRequestLoggingDisabled(true));

  static {
    llm.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("spring.datasource.url", () -> "mem".equals(System.getProperty("bench.db"))
        ? "jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1"
        : "jdbc:h2:file:./target/benchmark/db-" + UUID.randomUUID());
    registry.add("spring.ai.model.chat", () -> "openai");
    registry.add("spring.ai.openai.base-url", llm::baseUrl);
    registry.add("spring.ai.openai.api-key", () -> "benchmark");
    registry.add("spring.http.client.read-timeout", () -> "30s");
    registry.add("countersign.workers.concurrency", () -> CONCURRENCY);
    // Measures the review loop alone: no retraining starts part way through.
    registry.add("countersign.retraining.feedback-threshold", () -> 0);
    registry.add("camunda.bpm.client.async-response-timeout", () -> 10_000);
    registry.add("server.tomcat.threads.max", () -> 200);
    registry.add("logging.level.root", () -> "WARN");
  }

  @AfterAll
  static void stop() {
    llm.stop();
  }

  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  @Test
  void reviewPipelineThroughput() throws Exception {
    List<Long> callEnds = Collections.synchronizedList(new ArrayList<>());
    // Called as each answer is sent, L ms after its request arrived.
    llm.addMockServiceRequestListener((request, response) -> callEnds.add(System.currentTimeMillis()));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT)).atPriority(1)
        .willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.5, \"rationale\": \"benchmark\"}")).withFixedDelay(LATENCY_MS)));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("A drafted reply for the benchmark.")).withFixedDelay(LATENCY_MS)));
    TestHttp http = new TestHttp(PORT);
    // Warm-up through every step: until the JIT has compiled the hot paths, its compiler threads
    // take about as much CPU as the pipeline itself, and this machine has two cores.
    runReviews(http, WARMUP);
    callEnds.clear();
    long decidedBefore = jdbc.queryForObject("select count(*) from cs_feedback", Long.class);

    // Phase 1, the automated part: submit everything and wait until every review task is ready.
    Instant start = Instant.now();
    AtomicInteger refused = submit(http, REQUESTS);
    Instant submitted = Instant.now();
    int expected = REQUESTS - refused.get();
    waitUntil(() -> openReviewTasks() >= expected);
    Instant ready = Instant.now();
    // Phase 2, the people: the scripted reviewer decides every task.
    ReviewerScript reviewer = new ReviewerScript(tasks);
    reviewer.start();
    waitUntil(() -> jdbc.queryForObject("select count(*) from cs_feedback", Long.class) - decidedBefore >= expected);
    Instant decided = Instant.now();
    reviewer.stop();

    long firstEnd = callEnds.stream().mapToLong(Long::longValue).min().orElse(0);
    long lastEnd = callEnds.stream().mapToLong(Long::longValue).max().orElse(0);
    double llmSeconds = (lastEnd - firstEnd + LATENCY_MS) / 1000.0;
    double achievedCallRate = callEnds.size() / llmSeconds;
    double capacity = LATENCY_MS == 0 ? Double.POSITIVE_INFINITY : CONCURRENCY * 1000.0 / LATENCY_MS;

    String report = String.format("""

        Countersign review pipeline benchmark
          requests %d (refused %d), LLM latency %d ms, worker concurrency %d, submitting clients %d
          submitted in               %7.2f s  (%.1f requests/s)
          reviews to "task ready"    %7.2f s  (%.1f reviews/s)   phase 1: reviewer idle
          reviews to "decided"       %7.2f s  (%.1f reviews/s overall; the reviewer decided %.1f/s in phase 2)
          LLM calls                  %d in %.2f s  (%.1f calls/s)
          LLM-stage utilisation      %s  (achieved %.1f calls/s over the pool's %s calls/s)
        """,
        REQUESTS, refused.get(), LATENCY_MS, CONCURRENCY, CLIENTS,
        seconds(start, submitted), REQUESTS / seconds(start, submitted),
        seconds(start, ready), expected / seconds(start, ready),
        seconds(start, decided), expected / seconds(start, decided), expected / seconds(ready, decided),
        callEnds.size(), llmSeconds, achievedCallRate,
        LATENCY_MS == 0 ? "n/a (L = 0)" : String.format("%.2f", achievedCallRate / capacity),
        achievedCallRate, LATENCY_MS == 0 ? "unbounded" : String.format("%.1f", capacity));
    System.out.println(report);
    Path out = Path.of("target/benchmark/results.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private long openReviewTasks() {
    return tasks.createTaskQuery().taskDefinitionKey(LlmOutputReview.Elements.REVIEW_DRAFT).count();
  }

  private void runReviews(TestHttp http, int count) throws Exception {
    long before = jdbc.queryForObject("select count(*) from cs_feedback", Long.class);
    ReviewerScript reviewer = new ReviewerScript(tasks);
    reviewer.start();
    submit(http, count);
    waitUntil(() -> jdbc.queryForObject("select count(*) from cs_feedback", Long.class) - before >= count);
    reviewer.stop();
  }

  private static AtomicInteger submit(TestHttp http, int count) throws InterruptedException {
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          TestHttp.Response response = http.post("/api/reviews", "requester", TestHttp.json(Map.of(
              "useCase", "benchmark", "input", "Benchmark question number " + i, "riskTier", "medium")));
          if (response.status() != 201) {
            refused.incrementAndGet();
          }
        }
      });
    }
    clients.shutdown();
    clients.awaitTermination(30, TimeUnit.MINUTES);
    return refused;
  }

  /** Approves every open review task as soon as it appears, as two busy reviewers would. */
  static final class ReviewerScript {
    private final TaskService tasks;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private volatile boolean running = true;

    ReviewerScript(TaskService tasks) {
      this.tasks = tasks;
    }

    void start() {
      for (int r = 0; r < 2; r++) {
        String reviewer = r == 0 ? "reviewer" : "reviewer2";
        int shard = r;
        threads.execute(() -> {
          while (running) {
            List<Task> open = tasks.createTaskQuery().taskDefinitionKey(LlmOutputReview.Elements.REVIEW_DRAFT)
                .taskUnassigned().orderByTaskCreateTime().asc().listPage(0, 100);
            int done = 0;
            for (Task task : open) {
              if (Math.abs(task.getId().hashCode() % 2) != shard) {
                continue;
              }
              try {
                tasks.claim(task.getId(), reviewer);
                tasks.complete(task.getId(), Map.of("decision", "approve"));
                done++;
              } catch (RuntimeException raced) {
                // Already taken or changed; the next poll sees the truth.
              }
            }
            if (done == 0) {
              sleep(100);
            }
          }
        });
      }
    }

    void stop() throws InterruptedException {
      running = false;
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The benchmark did not finish within 20 minutes");
      }
      sleep(200);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
  }
}
