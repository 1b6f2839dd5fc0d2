package dev.countersign.datasets;

import dev.countersign.BenchmarkReport;
import dev.countersign.StoreTest;
import dev.countersign.TestHttp;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.memory.Vectors;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Export throughput and memory: fills a database with {@code bench.rows} decided requests, then
 * exports {@code bench.format} from it and reports MB/s and the heap's peak during the export. On a
 * file H2 ({@link DatasetExportBenchmark}) and on PostgreSQL ({@link DatasetExportPostgresBenchmark}).
 * With {@code bench.embeddingDimensions} (384 is the default model's) each row also carries the two
 * vectors a decided request keeps, of random values, as memory's rows do in use.
 */
@Tag("benchmark")
@StoreTest
abstract class DatasetExport {

  private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
  private static final String FORMAT = System.getProperty("bench.format", "openai-preference");
  private static final int DIMENSIONS = Integer.getInteger("bench.embeddingDimensions", 0);

  /** The database, as the report names it. */
  abstract String database();

  @Autowired JdbcTemplate jdbc;
  @Autowired DatasetExporter exporter;
  @Autowired HeldOutSplit split;
  @Autowired EmbeddingSpace space;

  @Test
  void exportThroughputAndPeakHeap() throws Exception {
    long fillStart = System.nanoTime();
    fill();
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

    System.gc();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getUsed();
    // The old generation after each collection is what an export keeps alive; sampled as it runs.
    List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")).toList();
    AtomicLong peak = new AtomicLong();
    AtomicLong peakRetained = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      old.forEach(pool -> {
        if (pool.getCollectionUsage() != null) {
          peakRetained.accumulateAndGet(pool.getCollectionUsage().getUsed(), Math::max);
        }
      });
    }, 0, 20, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    DatasetExporter.Summary summary = exporter.export(DatasetFormat.of(FORMAT),
        new DatasetExporter.Filter(null, null, null, null), "benchmark", OutputStream.nullOutputStream());
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.shutdownNow();

    String report = String.format("""

        Countersign dataset export benchmark (%s, %s)
          feedback rows              %d (filled in %.1f s; vectors of %d dimensions), exported examples %d, lines %d
          exported                   %.1f MB in %.2f s  (%.1f MB/s, %.0f lines/s)
          heap                       %.0f MB before; during the export %.0f MB peak used, %.0f MB peak retained
                                     (old generation after a collection), max heap %.0f MB
        """, FORMAT, database(), ROWS, fillSeconds, DIMENSIONS, summary.examples(), summary.lines(), summary.bytes() / 1e6, seconds,
        summary.bytes() / 1e6 / seconds, summary.lines() / seconds, before / 1e6, peak.get() / 1e6,
        peakRetained.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    BenchmarkReport.publish(report);
    String rows = String.format(" (%,d rows%s, %s, %s)", ROWS, DIMENSIONS == 0 ? "" : ", with vectors", FORMAT,
        database());
    BenchmarkReport.figure("P4", "dataset export throughput" + rows, BenchmarkReport.Goal.AT_LEAST, 100,
        summary.bytes() / 1e6 / seconds, "MB/s");
    BenchmarkReport.figure("P4", "heap the export keeps (old generation after a collection, peak)",
        BenchmarkReport.Goal.AT_MOST, 256, peakRetained.get() / 1e6, "MB");
  }

  /** Decided requests with two drafts each, one rejected and one edited, over a thousand topics. */
  private void fill() {
    Timestamp now = Timestamp.from(Instant.now());
    int batch = 5_000;
    for (int from = 0; from < ROWS; from += batch) {
      int to = Math.min(ROWS, from + batch);
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'bench', ?, 'low', ?, 'requester', ?)", rows(from, to), to - from,
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "bench-" + i);
            ps.setString(2, "topic-" + (i % 20));
            ps.setString(3, input(i));
            ps.setTimestamp(4, now);
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, prompt_version, attempts, requested_at, decided_at, review_millis, "
          + "content_hash, held_out, input_embedding, answer_embedding, embedding_space) values (?, ?, 'low', ?, ?, ?, "
          + "'APPROVED', 'edit', 'reviewer', 'draft-v1', 2, ?, ?, 1000, ?, ?, ?, ?, ?)", rows(from, to), to - from,
          (PreparedStatement ps, Integer i) -> {
            String id = "bench-" + i;
            String useCase = "topic-" + (i % 20);
            String approved = "Approved answer number " + i + ": open Settings, then Billing, and follow the steps shown.";
            ps.setString(1, id);
            ps.setString(2, useCase);
            ps.setString(3, input(i));
            ps.setString(4, TestHttp.json(List.of(Map.of("attempt", 1, "text", "A rejected first draft " + i),
                Map.of("attempt", 2, "text", "An edited second draft " + i))));
            ps.setString(5, approved);
            ps.setTimestamp(6, now);
            ps.setTimestamp(7, now);
            ps.setString(8, FeedbackStore.contentHash(useCase, input(i), approved));
            ps.setBoolean(9, split.heldOut(id));
            Random values = new Random(i);
            ps.setBytes(10, vector(values));
            ps.setBytes(11, vector(values));
            ps.setString(12, DIMENSIONS == 0 ? null : space.name());
          });
    }
  }

  private static byte[] vector(Random values) {
    if (DIMENSIONS == 0) {
      return null;
    }
    float[] vector = new float[DIMENSIONS];
    for (int d = 0; d < DIMENSIONS; d++) {
      vector[d] = values.nextFloat() - 0.5f;
    }
    return Vectors.toBytes(vector);
  }

  private static String input(int i) {
    return "Customer question number " + i + ": how do I change the payment method on my account before the next bill?";
  }

  private static List<Integer> rows(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }
}
