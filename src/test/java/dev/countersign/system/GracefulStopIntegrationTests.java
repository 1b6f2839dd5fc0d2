package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.AppProcess;
import dev.countersign.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop ends before {@code docker stop} gives up and kills (10 s by default). The workers' own
 * long poll used to hold Tomcat's graceful shutdown for its whole 20 s.
 */
class GracefulStopIntegrationTests {

  /** Docker's default stop timeout, after which it sends SIGKILL. */
  private static final Duration DOCKER_STOP_TIMEOUT = Duration.ofSeconds(10);

  private AppProcess app;

  @AfterEach
  void killIfStillRunning() throws InterruptedException {
    if (app != null) {
      app.kill();
    }
  }

  @Test
  void stopsCleanlyWhileTheWorkersLongPoll(@TempDir Path directory) throws Exception {
    app = new AppProcess(directory, TestHttp.freePort(), Map.of());
    app.start();
    TestHttp.Response created = app.http().post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "billing", "input", "Why was I charged twice?", "riskTier", "medium")));
    assertThat(created.status()).isEqualTo(201);
    // Once the offline drafter is done, the workers have nothing to do and wait in a long poll.
    Thread.sleep(3_000);

    assertThat(app.stop(DOCKER_STOP_TIMEOUT)).as("exit code within " + DOCKER_STOP_TIMEOUT)
        .hasValueSatisfying(code -> assertThat(code).isIn(0, 143));
    assertThat(app.logText()).contains("Graceful shutdown complete", "Process Engine default closed")
        .as("the default node runs its workers").contains("Worker pool:", "External-task client:")
        .doesNotContain("ERROR");
  }
}
