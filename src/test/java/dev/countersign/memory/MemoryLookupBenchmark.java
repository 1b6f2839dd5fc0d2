package dev.countersign.memory;

import dev.countersign.BenchmarkReport;
import dev.countersign.StoreTest;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nearest-memory lookup, the plain scan: {@code bench.memories} decided requests in one use case
 * (the worst case: a scan reads a whole use case), then {@code bench.lookups} recalls, timed.
 * Stored vectors are random unit vectors: the scan's cost does not depend on what they mean.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=MemoryLookupBenchmark -Dbench.memories=100000</pre>
 */
@Tag("benchmark")
@StoreTest
class MemoryLookupBenchmark {

  private static final int MEMORIES = Integer.getInteger("bench.memories", 100_000);
  private static final int LOOKUPS = Integer.getInteger("bench.lookups", 50);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/memory-" + UUID.randomUUID());
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired CorrectionMemory memory;
  @Autowired EmbeddingSpace space;

  @Test
  void recallLatency() throws Exception {
    Random random = new Random(42);
    Timestamp now = Timestamp.from(Instant.now());
    for (int from = 0; from < MEMORIES; from += 5_000) {
      List<Integer> rows = IntStream.range(from, Math.min(MEMORIES, from + 5_000)).boxed().toList();
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'bench', 'support-desk', 'low', ?, 'requester', ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "memory-" + i);
            ps.setString(2, "Question " + i);
            ps.setTimestamp(3, now);
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, input_embedding, "
          + "embedding_space) values (?, 'support-desk', 'low', ?, '[]', ?, 'APPROVED', 'edit', 'reviewer', 1, ?, ?, 1000, "
          + "?, ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "memory-" + i);
            ps.setString(2, "Question " + i);
            ps.setString(3, "Approved answer " + i);
            ps.setTimestamp(4, now);
            ps.setTimestamp(5, now);
            ps.setBytes(6, Vectors.toBytes(unit(random)));
            ps.setString(7, space.name());
          });
    }
    memory.recall("support-desk", "How do I reset my password?", 3, 0.5);
    long[] micros = new long[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      long start = System.nanoTime();
      memory.recall("support-desk", "How do I reset my password, question " + i + "?", 3, 0.5);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(micros);
    String report = String.format("""

        Countersign nearest-memory lookup benchmark (plain scan)
          memories in the use case   %d, lookups %d (k = 3, each also embeds its query with %s)
          latency                    p50 %.1f ms, p95 %.1f ms, max %.1f ms
        """, MEMORIES, LOOKUPS, space.name(), micros[LOOKUPS / 2] / 1000.0, micros[(int) Math.ceil(LOOKUPS * 0.95) - 1] / 1000.0,
        micros[LOOKUPS - 1] / 1000.0);
    BenchmarkReport.publish(report);
  }

  private static float[] unit(Random random) {
    float[] v = new float[384];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
