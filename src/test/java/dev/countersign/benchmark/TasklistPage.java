package dev.countersign.benchmark;

import dev.countersign.BenchmarkReport;
import dev.countersign.TestHttp;
import dev.countersign.review.EngineQueueCounts;
import dev.countersign.review.ReviewQueue;
import dev.countersign.system.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Tasklist's first page at scale (issue 13, P3): {@code bench.tasks} open tasks for the
 * reviewers' group, started through the engine's API, then the request the Tasklist sends for its
 * first page (the shared "All tasks" filter, 15 tasks, newest first, as HAL) made {@code bench.runs}
 * times as {@code reviewer} over HTTP, with authorization on. On a file H2
 * ({@link TasklistPageBenchmark}) and on PostgreSQL ({@link TasklistPagePostgresBenchmark}).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
abstract class TasklistPage {

  private static final int TASKS = Integer.getInteger("bench.tasks", 100_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 50);
  /**
   * Each kind of request is first sent for at least this long (and at least 20 times): a page of
   * 20 ms is otherwise measured while the JIT still compiles the REST and query path.
   */
  private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 15));
  private static final int PORT = TestHttp.freePort();
  private static final String PAGE_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("logging.level.root", () -> "WARN");
  }

  /** The database, as the report names it. */
  abstract String database();

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired ReviewQueue queue;

  @Test
  void firstPageAsAReviewer() throws Exception {
    repository.createDeployment().addModelInstance("tasklist-seed.bpmn",
        Bpmn.createExecutableProcess("tasklist-seed").camundaHistoryTimeToLive(180).startEvent()
            .userTask("UserTask_Seeded").name("Review draft").camundaCandidateGroups("reviewers").endEvent().done())
        .deploy();
    long seedStart = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    ExecutorService seeders = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      seeders.execute(() -> {
        while (next.getAndIncrement() < TASKS) {
          runtime.startProcessInstanceByKey("tasklist-seed");
        }
      });
    }
    seeders.shutdown();
    seeders.awaitTermination(2, TimeUnit.HOURS);
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    long open = tasks.createTaskQuery().taskCandidateGroup("reviewers").count();
    String filterId = filters.createFilterQuery().filterName("All tasks").singleResult().getId();

    HttpClient client = HttpClient.newHttpClient();
    // What the time goes to: the same page as plain JSON (no embedded identity links and definitions),
    // and as an administrator (the engine still joins the grants, and '*' ones match). The JSON page goes first:
    // a request that times out leaves its query running in the database.
    Latency asReviewerJson = percentiles(client, request(filterId, "reviewer", "application/json"));
    Latency asReviewerHal = percentiles(client, request(filterId, "reviewer", "application/hal+json"));
    Latency asAdminHal = percentiles(client, request(filterId, "demo", "application/hal+json"));
    double refreshMillis = queueCountsMillis();
    double engineRefreshMillis = engineQueueCountsMillis();
    String report = String.format("""

        Countersign Tasklist first page (%s, authorization on; goal: p95 at most 30 ms as reviewer)
          open tasks for reviewers      %d (seeded in %.0f s through the engine's API)
          as reviewer, HAL (Tasklist)   %s
          as reviewer, plain JSON       %s
          as administrator, HAL         %s
          review queue's counts         %.0f ms a refresh (one grouped query for %d groups, every 30 s on each
                                        engine node and for each dashboard refresh; median of 3); the same
                                        with the engine's task query, %d counts: %.0f ms
        """, database(), open, seedSeconds, asReviewerHal, asReviewerJson, asAdminHal, refreshMillis,
        Roles.TASKLIST.size(), 5 * Roles.TASKLIST.size(), engineRefreshMillis);
    BenchmarkReport.publish(report);
    String at = String.format(" at %,d open tasks, %s, p95", open, database());
    BenchmarkReport.figure("P3", "Tasklist first page as reviewer (HAL, as the Tasklist asks)" + at + asReviewerHal.bound(),
        BenchmarkReport.Goal.AT_MOST, 30, asReviewerHal.p95(), "ms");
    BenchmarkReport.figure("P3", "the same page as plain JSON" + at + asReviewerJson.bound(),
        BenchmarkReport.Goal.AT_MOST, 30,
        asReviewerJson.p95(), "ms");
  }

  /** What {@code review.QueueMetrics} and the dashboard ask of the database each time: every group's counts. */
  private double queueCountsMillis() {
    return medianOfThree(() -> queue.counts(Instant.now()));
  }

  /** The same figures from the engine's task query, as the dashboard counted them before: five counts a group. */
  private double engineQueueCountsMillis() {
    Instant now = Instant.now();
    return medianOfThree(() -> Roles.TASKLIST.forEach(group -> EngineQueueCounts.of(tasks, group, now)));
  }

  private static double medianOfThree(Runnable refresh) {
    double[] millis = new double[3];
    for (int run = 0; run < millis.length; run++) {
      long start = System.nanoTime();
      refresh.run();
      millis[run] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[1];
  }

  /** A request slower than this ends the measurement of its kind: its p95 is then at least this. */
  private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("bench.timeoutSeconds", 60));

  private record Latency(double p50, double p95, double max, int runs) {

    static Latency timedOut() {
      return new Latency(Double.NaN, TIMEOUT.toMillis(), TIMEOUT.toMillis(), 1);
    }

    /** Said of a figure that is only a lower bound. */
    String bound() {
      return Double.isNaN(p50) ? " (timed out: at least)" : "";
    }

    @Override
    public String toString() {
      return Double.isNaN(p50) ? "a request took over " + TIMEOUT.toSeconds() + " s; not measured further"
          : String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d requests", p50, p95, max, runs);
    }
  }

  private static HttpRequest request(String filterId, String user, String accept) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/engine-rest/filter/" + filterId
            + "/list?firstResult=0&maxResults=15"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").header("Accept", accept).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(PAGE_BODY)).build();
  }

  /** p50, p95 and max of {@code RUNS} requests after {@link #WARMUP}. */
  private static Latency percentiles(HttpClient client, HttpRequest page) throws Exception {
    try {
      return measured(client, page);
    } catch (HttpTimeoutException e) {
      return Latency.timedOut();
    }
  }

  private static Latency measured(HttpClient client, HttpRequest page) throws Exception {
    long warmUntil = System.nanoTime() + WARMUP.toNanos();
    for (int warm = 0; warm < 20 || System.nanoTime() < warmUntil; warm++) {
      check(client.send(page, HttpResponse.BodyHandlers.ofString()));
    }
    long[] micros = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      check(client.send(page, HttpResponse.BodyHandlers.ofString()));
      micros[run] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    return new Latency(micros[RUNS / 2] / 1e3, micros[(int) (RUNS * 0.95)] / 1e3, micros[RUNS - 1] / 1e3, RUNS);
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200 || !response.body().contains("Review draft")) {
      throw new IllegalStateException("The first page did not list the reviewer's tasks: " + response.statusCode()
          + " " + response.body().substring(0, Math.min(300, response.body().length())));
    }
  }
}
