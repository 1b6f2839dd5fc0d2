package dev.countersign.dashboard;

import dev.countersign.BenchmarkReport;
import dev.countersign.StoreTest;
import dev.countersign.memory.EmbeddingSpace;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What one dashboard refresh costs with {@code bench.decisions} decided reviews on file (a thousand
 * a day, so the 24-hour window holds a thousand whatever the total; all of them in memory):
 * {@code bench.runs} reads of every figure, as the page does every 10 s, and as many uncached reads
 * of the learning figures, whose memory count grows with the total.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=DashboardBenchmark -Dbench.decisions=100000</pre>
 */
@Tag("benchmark")
@StoreTest
class DashboardBenchmark {

  private static final int DECISIONS = Integer.getInteger("bench.decisions", 100_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 20);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/dashboard-" + UUID.randomUUID());
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired Dashboard dashboard;
  @Autowired EmbeddingSpace space;

  @Test
  void oneRefresh() throws Exception {
    Instant now = Instant.now();
    DecidedReviews.seed(jdbc, DECISIONS, now, space.name());
    dashboard.figures(now);
    long[] micros = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      dashboard.figures(now);
      micros[run] = (System.nanoTime() - start) / 1_000;
    }
    long[] learning = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      // A decision arrives between reads, as in use: H2 would otherwise answer the same count from its cache.
      jdbc.update("update cs_feedback set reviewer = ? where request_id = 'request-0'", "reviewer-" + run);
      long start = System.nanoTime();
      dashboard.learning();
      learning[run] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    Arrays.sort(learning);
    String report = String.format("""

        Countersign dashboard benchmark (file H2)
          decided reviews on file  %d (%d in the 24-hour window), runs %d
          one refresh of every figure  median %.1f ms, max %.1f ms
          learning read uncached       median %.1f ms, max %.1f ms (at most once a minute)
        """, DECISIONS, Math.min(DECISIONS, DecidedReviews.PER_DAY), RUNS, micros[RUNS / 2] / 1e3,
        micros[RUNS - 1] / 1e3, learning[RUNS / 2] / 1e3, learning[RUNS - 1] / 1e3);
    BenchmarkReport.publish(report);
  }
}
