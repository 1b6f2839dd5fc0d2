package dev.countersign.labeling;

import dev.countersign.AppOverHttp;
import dev.countersign.BenchmarkReport;
import dev.countersign.TestHttp;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Item upload over real HTTP into a file H2, as a model owner sends it: {@code bench.lines} JSON
 * Lines (one in ten a gold item) streamed from a file. Two figures: lines per second, from a run
 * left alone; and the live heap while uploading, from a second run whose sampler forces a full
 * collection every half second (so it is slower, and not timed), for a tenth of the lines and for
 * all of them: an upload that streams keeps the same live heap for both. Items are not started
 * during the uploads (the starter is stopped); how fast the engine starts them, woken by an
 * upload, is measured first, on {@code bench.starts} items.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=ItemUploadBenchmark -Dbench.lines=100000</pre>
 */
@Tag("benchmark")
class ItemUploadBenchmark extends AppOverHttp {

  private static final int LINES = Integer.getInteger("bench.lines", 100_000);
  private static final int STARTS = Integer.getInteger("bench.starts", 2_000);

  @Autowired ItemStarter starter;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/labeling-" + UUID.randomUUID());
  }

  @Test
  void uploadThroughputAndLiveHeap() throws Exception {
    Path all = lines(LINES);
    Path tenth = lines(LINES / 10);

    // Starting items is the engine's work, measured first, as an upload wakes the starter.
    long startsBegun = System.nanoTime();
    upload(lines(STARTS));
    while (jdbc.queryForObject("select count(*) from cs_labeling_item where status = 'QUEUED'", Long.class) > 0) {
      Thread.sleep(100);
    }
    double startSeconds = (System.nanoTime() - startsBegun) / 1e9;
    int started = STARTS;
    // Then the starter stops, so the uploads below are measured alone.
    starter.destroy();

    upload(lines(1_000)); // warm-up: JIT, pools, the first batch statements
    long start = System.nanoTime();
    upload(all);
    double seconds = (System.nanoTime() - start) / 1e9;

    long liveBefore = liveHeap();
    long liveTenth = peakLiveHeapDuring(tenth);
    long liveAll = peakLiveHeapDuring(all);

    String report = String.format("""

        Countersign item upload benchmark (file H2, over HTTP, %d cores)
          upload of %,d lines (%.1f MB)   %.1f s   %,.0f lines/s
          live heap (after a full collection, sampled every 0.5 s)
            before uploading               %.0f MB
            peak while uploading %,7d     %.0f MB
            peak while uploading %,7d     %.0f MB
          max heap %.0f MB
          starting items' processes        %,d in %.1f s   %,.0f items/s (three labeling tasks each)
        """, Runtime.getRuntime().availableProcessors(), LINES, Files.size(all) / 1e6, seconds, LINES / seconds,
        liveBefore / 1e6, LINES / 10, liveTenth / 1e6, LINES, liveAll / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
        started, startSeconds, started / startSeconds);
    BenchmarkReport.publish(report);
    String size = String.format(" (%,d lines, file H2, over HTTP)", LINES);
    BenchmarkReport.figure("L1", "labeling item upload" + size, LINES / seconds, "lines/s");
    BenchmarkReport.figure("L1", String.format("live heap while uploading %,d lines, peak", LINES), liveAll / 1e6, "MB");
    BenchmarkReport.figure("L1", String.format("live heap while uploading %,d lines, peak", LINES / 10),
        liveTenth / 1e6, "MB");
    BenchmarkReport.figure("L1", String.format("starting labeling items' processes (%,d items, file H2)", STARTS),
        started / startSeconds, "items/s");
  }

  private static String project;

  private static void upload(Path file) throws Exception {
    if (project == null) {
      project = http.post("/api/labeling/projects", "owner", TestHttp.json(Map.of("name", "Benchmark",
          "useCase", "support", "question", "Which topic?", "labels", List.of("billing", "delivery", "account"))))
          .json().get("id").asText();
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + PORT + "/api/labeling/projects/" + project + "/items"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("owner:owner".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("Upload refused: " + response.statusCode() + " " + response.body());
    }
  }

  private static long peakLiveHeapDuring(Path file) throws Exception {
    AtomicLong peak = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(() -> peak.accumulateAndGet(liveHeap(), Math::max), 0, 500, TimeUnit.MILLISECONDS);
    try {
      upload(file);
    } finally {
      sampler.shutdown();
      sampler.awaitTermination(30, TimeUnit.SECONDS);
    }
    return peak.get();
  }

  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Support questions of about a hundred characters, with meta; one in ten a gold item. */
  private static Path lines(int count) throws Exception {
    Path file = Path.of("target/benchmark/labeling-items-" + count + ".jsonl");
    Files.createDirectories(file.getParent());
    List<String> topics = List.of("billing", "delivery", "account");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        String topic = topics.get(i % 3);
        String text = "Customer message " + i + ": I have a question about my " + topic
            + ", could you tell me what happens next and when?";
        out.write(i % 10 == 0 ? TestHttp.json(Map.of("text", text, "gold", topic))
            : TestHttp.json(Map.of("text", text, "meta", Map.of("ticket", "T-" + i, "channel", "email"))));
        out.write('\n');
      }
    }
    return file;
  }
}
