package dev.countersign.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppProcess;
import dev.countersign.BenchmarkReport;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
 * {@code -Dbench.db=postgres} runs it on a PostgreSQL server of its own (Debian's binaries, fsync
 * on, as production runs it); {@code -Dbench.nodes=2} adds a second engine node, a process of its
 * own with its own workers on the same database, and the clients submit to both in turn.
 * {@code -Dbench.transport=rest} has the workers fetch over the REST API instead of in process.
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
  private static final int NODES = Integer.getInteger("bench.nodes", 1);
  private static final String DB = System.getProperty("bench.db", "file");
  /** How the in-app workers (and the bare baseline's handlers) fetch: engine (in process) or rest. */
  private static final String TRANSPORT = System.getProperty("bench.transport", "engine");
  /** Measure the bare Camunda baseline first, in the same run (one node only). */
  private static final boolean BASELINE = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
  private static final int PORT = TestHttp.freePort();
  private static final PostgresServer postgres = "postgres".equals(DB) ? startPostgres() : null;
  private static final List<AppProcess> otherNodes = new ArrayList<>();
  private static final WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
      .containerThreads(Math.max(64, CONCURRENCY * 2 + 16)).asynchronousResponseEnabled(true)
      .asynchronousResponseThreads(Math.max(16, CONCURRENCY)).disableRequestJournal().stubRequestLoggingDisabled(true));

  static {
    llm.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("spring.datasource.url", () -> switch (DB) {
      case "mem" -> "jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1";
      case "postgres" -> postgres.jdbcUrl();
      default -> "jdbc:h2:file:./target/benchmark/db-" + UUID.randomUUID();
    });
    if (postgres != null) {
      registry.add("spring.datasource.username", () -> "countersign");
      registry.add("spring.datasource.password", () -> "countersign");
    }
    registry.add("spring.ai.model.chat", () -> "openai");
    registry.add("spring.ai.openai.base-url", llm::baseUrl);
    registry.add("spring.ai.openai.api-key", () -> "benchmark");
    registry.add("spring.http.client.read-timeout", () -> "30s");
    registry.add("countersign.workers.concurrency", () -> CONCURRENCY);
    registry.add("countersign.workers.transport", () -> TRANSPORT);
    // Measures the review loop alone: no retraining starts part way through.
    registry.add("countersign.retraining.feedback-threshold", () -> 0);
    registry.add("camunda.bpm.client.async-response-timeout", () -> 10_000);
    registry.add("server.tomcat.threads.max", () -> 200);
    registry.add("logging.level.root", () -> "WARN");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AppProcess node : otherNodes) {
      node.kill();
    }
    llm.stop();
    if (postgres != null) {
      postgres.stop();
    }
  }

  private static PostgresServer startPostgres() {
    try {
      return PostgresServer.startDurable(PostgresServer.installation().orElseThrow(() -> new IllegalStateException(
          "-Dbench.db=postgres needs a PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)")),
          TestHttp.freePort());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Engine nodes beyond this JVM's: same database, same fake model, same settings as the properties above. */
  private static List<TestHttp> startOtherNodes() throws Exception {
    List<TestHttp> nodes = new ArrayList<>(List.of(new TestHttp(PORT)));
    for (int n = 2; n <= NODES; n++) {
      if (postgres == null) {
        throw new IllegalStateException("-Dbench.nodes above 1 needs -Dbench.db=postgres: nodes share one database");
      }
      Path directory = Files.createDirectories(Path.of("target/benchmark/node-" + n + "-" + UUID.randomUUID()));
      AppProcess node = new AppProcess(directory.toAbsolutePath(), TestHttp.freePort(), Map.ofEntries(
          Map.entry("DB_URL", postgres.jdbcUrl()), Map.entry("DB_USER", "countersign"),
          Map.entry("DB_PASSWORD", "countersign"), Map.entry("HOSTNAME", "node-" + n),
          Map.entry("LLM_PROVIDER", "openai"), Map.entry("OPENAI_BASE_URL", llm.baseUrl()),
          Map.entry("OPENAI_API_KEY", "benchmark"), Map.entry("LLM_READ_TIMEOUT", "30s"),
          Map.entry("WORKER_CONCURRENCY", String.valueOf(CONCURRENCY)), Map.entry("WORKER_TRANSPORT", TRANSPORT),
          Map.entry("RETRAINING_FEEDBACK_THRESHOLD", "0"),
          Map.entry("CAMUNDA_BPM_CLIENT_ASYNCRESPONSETIMEOUT", "10000"),
          Map.entry("SERVER_TOMCAT_THREADS_MAX", "200"), Map.entry("LOGGING_LEVEL_ROOT", "WARN")));
      otherNodes.add(node);
      node.start();
      nodes.add(node.http());
    }
    return nodes;
  }

  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Value("${countersign.identity.worker-user}") String workerUser;
  @Value("${countersign.identity.worker-password}") String workerPassword;

  /** Reviews to "task ready" in a phase, and this JVM's CPU per review. */
  private record Phase(int reviews, double seconds, double cpuMillisPerReview) {
    double rate() {
      return reviews / seconds;
    }
  }

  /** The bare baseline's measured phase, after its own warm-up; null when not asked for. */
  private Phase baseline(List<TestHttp> http) throws Exception {
    if (!BASELINE || NODES > 1) {
      return null;
    }
    try (BareBaseline bare = BareBaseline.start(engine, TRANSPORT, "http://localhost:" + PORT + "/engine-rest", workerUser, workerPassword, CONCURRENCY)) {
      runBare(http, WARMUP);
      BareBaseline.clear(runtime);
      Duration cpuBefore = cpuOf(List.of(ProcessHandle.current()));
      Phase phase = runBare(http, REQUESTS);
      Duration cpu = cpuOf(List.of(ProcessHandle.current())).minus(cpuBefore);
      BareBaseline.clear(runtime);
      return new Phase(phase.reviews(), phase.seconds(), cpu.toMillis() / (double) phase.reviews());
    }
  }

  private Phase runBare(List<TestHttp> http, int count) throws InterruptedException {
    Instant start = Instant.now();
    AtomicInteger refused = submit(http, count, (node, i) -> node.post("/engine-rest/process-definition/key/"
        + BareBaseline.PROCESS_KEY + "/start", "requester", TestHttp.json(Map.of("businessKey", UUID.randomUUID().toString(),
        "variables", Map.of("useCase", Map.of("value", "benchmark"), "riskTier", Map.of("value", "medium"),
            "input", Map.of("value", "Benchmark question number " + i))))), 200);
    int expected = count - refused.get();
    waitUntil(() -> BareBaseline.readyTasks(tasks) >= expected);
    return new Phase(expected, seconds(start, Instant.now()), 0);
  }

  @Test
  void reviewPipelineThroughput() throws Exception {
    List<Long> callEnds = Collections.synchronizedList(new ArrayList<>());
    // Called as each answer is sent, L ms after its request arrived.
    llm.addMockServiceRequestListener((request, response) -> callEnds.add(System.currentTimeMillis()));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT)).atPriority(1)
        .willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.5, \"rationale\": \"benchmark\"}")).withFixedDelay(LATENCY_MS)));
    llm.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("A drafted reply for the benchmark.")).withFixedDelay(LATENCY_MS)));
    List<TestHttp> http = startOtherNodes();
    // Warm-up through every step: until the JIT has compiled the hot paths, its compiler threads
    // take about as much CPU as the pipeline itself, and this machine has two cores.
    runReviews(http, WARMUP);
    Phase bare = baseline(http);
    callEnds.clear();
    long decidedBefore = jdbc.queryForObject("select count(*) from cs_feedback", Long.class);

    // Phase 1, the automated part: submit everything and wait until every review task is ready.
    Map<String, Duration> cpuBefore = cpu();
    Instant start = Instant.now();
    AtomicInteger refused = submit(http, REQUESTS, ReviewPipelineBenchmark::ourRequest, 201);
    Instant submitted = Instant.now();
    int expected = REQUESTS - refused.get();
    waitUntil(() -> openReviewTasks() >= expected);
    Instant ready = Instant.now();
    Map<String, Duration> cpuAfter = cpu();
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
    double capacity = LATENCY_MS == 0 ? Double.POSITIVE_INFINITY : NODES * CONCURRENCY * 1000.0 / LATENCY_MS;
    // This JVM's: the first node's, with the fake model and the clients.
    double ourCpuPerReview = cpuAfter.values().iterator().next().minus(cpuBefore.values().iterator().next()).toMillis()
        / (double) expected;

    String report = String.format("""

        Countersign review pipeline benchmark
          database %s, engine nodes %d (each with its in-app workers, fetching through %s)
          requests %d (refused %d), LLM latency %d ms, worker concurrency %d per node, submitting clients %d
          submitted in               %7.2f s  (%.1f requests/s)
          reviews to "task ready"    %7.2f s  (%.1f reviews/s)   phase 1: reviewer idle
          reviews to "decided"       %7.2f s  (%.1f reviews/s overall; the reviewer decided %.1f/s in phase 2)
          LLM calls                  %d in %.2f s  (%.1f calls/s)
          LLM-stage utilisation      %s  (achieved %.1f calls/s over the pool's %s calls/s)
          CPU in phase 1             %s of %.1f core-seconds (%d cores)
        %s""",
        DB, NODES, "rest".equals(TRANSPORT) ? "the REST API" : "the Java API in process", REQUESTS, refused.get(), LATENCY_MS, CONCURRENCY, CLIENTS,
        seconds(start, submitted), REQUESTS / seconds(start, submitted),
        seconds(start, ready), expected / seconds(start, ready),
        seconds(start, decided), expected / seconds(start, decided), expected / seconds(ready, decided),
        callEnds.size(), llmSeconds, achievedCallRate,
        LATENCY_MS == 0 ? "n/a (L = 0)" : String.format("%.2f", achievedCallRate / capacity),
        achievedCallRate, LATENCY_MS == 0 ? "unbounded" : String.format("%.1f", capacity),
        cpuUsed(cpuBefore, cpuAfter), seconds(start, ready) * CORES, CORES,
        baselineReport(bare, expected, seconds(start, ready), ourCpuPerReview));
    BenchmarkReport.publish(report);
    String run = String.format(" (L = %d ms, concurrency %d, %s, workers over %s)", LATENCY_MS, CONCURRENCY, DB,
        TRANSPORT);
    if (bare != null) {
      BenchmarkReport.figure("P1", "our CPU per review to \"task ready\" over the bare process's" + run,
          BenchmarkReport.Goal.AT_MOST, 1.3, ourCpuPerReview / bare.cpuMillisPerReview(), "×");
      BenchmarkReport.figure("P1", "the bare process: CPU per review to \"task ready\"", bare.cpuMillisPerReview(), "ms");
      BenchmarkReport.figure("P1", "ours: CPU per review to \"task ready\"" + run, ourCpuPerReview, "ms");
    }
    BenchmarkReport.figure("P1", "ours: reviews/s to \"task ready\"" + run, expected / seconds(start, ready), "reviews/s");
    if (LATENCY_MS > 0) {
      BenchmarkReport.figure("P2", "LLM-stage utilisation" + run, BenchmarkReport.Goal.AT_LEAST, 0.9,
          achievedCallRate / capacity, "");
    }
  }

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Our cost per review to "task ready" over the bare baseline's, by time and by this JVM's CPU. */
  private static String baselineReport(Phase bare, int reviews, double seconds, double ourCpuPerReview) {
    if (bare == null) {
      return "";
    }
    return String.format("""
          bare Camunda baseline      %d in %.2f s  (%.1f reviews/s to "task ready", %.1f ms CPU of this JVM each)
          ours over the baseline     %.2fx the time per review, %.2fx the CPU per review (goal: at most 1.3x;
                                     at L > 0 ours waits for the model, so read the CPU ratio)
        """, bare.reviews(), bare.seconds(), bare.rate(), bare.cpuMillisPerReview(), bare.rate() / (reviews / seconds),
        ourCpuPerReview / bare.cpuMillisPerReview());
  }

  /**
   * CPU time so far of each process in the run: this JVM (first node, fake model, clients,
   * reviewer), the other nodes, and PostgreSQL's processes. What bounds the figure shows here.
   */
  private static Map<String, Duration> cpu() throws Exception {
    Map<String, Duration> used = new LinkedHashMap<>();
    used.put("this JVM (node 1, fake model, clients)", cpuOf(List.of(ProcessHandle.current())));
    for (int n = 0; n < otherNodes.size(); n++) {
      used.put("node " + (n + 2), cpuOf(List.of(otherNodes.get(n).handle())));
    }
    if (postgres != null) {
      used.put("PostgreSQL", cpuOf(postgres.processes()));
    }
    return used;
  }

  private static Duration cpuOf(List<ProcessHandle> processes) {
    return processes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  private static String cpuUsed(Map<String, Duration> before, Map<String, Duration> after) {
    return after.entrySet().stream()
        .map(e -> String.format("%s %.1f s", e.getKey(),
            e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)).toMillis() / 1000.0))
        .collect(Collectors.joining(", "));
  }

  private long openReviewTasks() {
    return tasks.createTaskQuery().taskDefinitionKey(LlmOutputReview.Elements.REVIEW_DRAFT).count();
  }

  private void runReviews(List<TestHttp> http, int count) throws Exception {
    long before = jdbc.queryForObject("select count(*) from cs_feedback", Long.class);
    ReviewerScript reviewer = new ReviewerScript(tasks);
    reviewer.start();
    submit(http, count, ReviewPipelineBenchmark::ourRequest, 201);
    waitUntil(() -> jdbc.queryForObject("select count(*) from cs_feedback", Long.class) - before >= count);
    reviewer.stop();
  }

  @FunctionalInterface
  private interface Request {
    TestHttp.Response send(TestHttp node, int i);
  }

  private static TestHttp.Response ourRequest(TestHttp node, int i) {
    return node.post("/api/reviews", "requester", TestHttp.json(Map.of(
        "useCase", "benchmark", "input", "Benchmark question number " + i, "riskTier", "medium")));
  }

  /** Submits from the clients, to each node in turn; counts answers other than {@code accepted}. */
  private static AtomicInteger submit(List<TestHttp> nodes, int count, Request request, int accepted)
      throws InterruptedException {
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          TestHttp.Response response = request.send(nodes.get(i % nodes.size()), i);
          if (response.status() != accepted) {
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
