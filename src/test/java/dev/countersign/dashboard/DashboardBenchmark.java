package dev.countersign.dashboard;

import dev.countersign.StoreTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * a day, so the 24-hour window holds a thousand whatever the total): {@code bench.runs} reads of
 * every figure, as the page does every 10 s.
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

  @Test
  void oneRefresh() throws Exception {
    Instant now = Instant.now();
    DecidedReviews.seed(jdbc, DECISIONS, now);
    dashboard.figures(now);
    long[] micros = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      dashboard.figures(now);
      micros[run] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    String report = String.format("""

        Countersign dashboard benchmark (file H2)
          decided reviews on file  %d (%d in the 24-hour window), runs %d
          one refresh of every figure  median %.1f ms, max %.1f ms
        """, DECISIONS, Math.min(DECISIONS, DecidedReviews.PER_DAY), RUNS, micros[RUNS / 2] / 1e3,
        micros[RUNS - 1] / 1e3);
    System.out.println(report);
    Path out = Path.of("target/benchmark/results.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
