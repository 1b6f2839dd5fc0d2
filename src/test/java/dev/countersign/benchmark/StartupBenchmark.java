package dev.countersign.benchmark;

import dev.countersign.AppProcess;
import dev.countersign.BenchmarkReport;
import dev.countersign.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start-up to ready and idle memory on the defaults (issue 13, P6): the app as a process of its own
 * with the JVM's default options, a fresh file H2 and the offline drafter, {@code bench.runs}
 * times; each run is timed from launching the JVM to the first 200 from {@code /actuator/health},
 * then started again on the database the first start made, and its resident set size read from
 * {@code /proc} after {@code bench.idleSeconds} idle.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=StartupBenchmark</pre>
 */
@Tag("benchmark")
class StartupBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 3);
  private static final int IDLE_SECONDS = Integer.getInteger("bench.idleSeconds", 30);

  @Test
  void startUpAndIdleMemory() throws Exception {
    double[] fresh = new double[RUNS];
    double[] again = new double[RUNS];
    long[] rssMb = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      Path directory = Files.createDirectories(Path.of("target/benchmark/startup-" + UUID.randomUUID()).toAbsolutePath());
      Started first = timedStart(directory);
      if (first.app().stop(Duration.ofSeconds(60)).isEmpty()) {
        throw new IllegalStateException("The first start did not stop within 60 s");
      }
      // The database file's lock goes with the process, not with the JVM's exit code.
      first.app().handle().onExit().get();
      fresh[run] = first.seconds();
      Started second = timedStart(directory);
      again[run] = second.seconds();
      Thread.sleep(Duration.ofSeconds(IDLE_SECONDS).toMillis());
      rssMb[run] = residentMegabytes(second.app().handle().pid());
      second.app().stop(Duration.ofSeconds(30));
    }
    Arrays.sort(fresh);
    Arrays.sort(again);
    Arrays.sort(rssMb);
    String report = String.format("""

        Countersign start-up on the defaults (file H2, offline drafter, JVM default options, %d cores)
          to ready, empty database     median %.1f s (runs: %s)   goal: at most 12 s
          to ready, existing database  median %.1f s (runs: %s)
          resident memory after %d s idle  median %d MB (runs: %s)   goal: at most 700 MB
        """, Runtime.getRuntime().availableProcessors(), fresh[RUNS / 2], Arrays.toString(fresh), again[RUNS / 2],
        Arrays.toString(again), IDLE_SECONDS, rssMb[RUNS / 2], Arrays.toString(rssMb));
    BenchmarkReport.publish(report);
    BenchmarkReport.figure("P6", "start-up to ready on the defaults, empty database (median)", BenchmarkReport.Goal.AT_MOST,
        12, fresh[RUNS / 2], "s");
    BenchmarkReport.figure("P6", "resident memory after " + IDLE_SECONDS + " s idle (median)", BenchmarkReport.Goal.AT_MOST,
        700, rssMb[RUNS / 2], "MB");
  }

  private record Started(AppProcess app, double seconds) {}

  /** Starts the app in {@code directory}, where its ./data database lives, and times it to ready. */
  private static Started timedStart(Path directory) throws Exception {
    AppProcess app = new AppProcess(directory, TestHttp.freePort(), Map.of(), List.of());
    long start = System.nanoTime();
    app.start();
    return new Started(app, Math.round((System.nanoTime() - start) / 1e8) / 10.0);
  }

  private static long residentMegabytes(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("No VmRSS for process " + pid);
  }
}
