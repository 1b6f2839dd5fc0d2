package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.AppProcess;
import dev.countersign.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stop ends before {@code docker stop} gives up and kills (10 s by default), however the workers
 * fetch: in process, or over REST, whose own long poll used to hold Tomcat's graceful shutdown for
 * its whole 20 s.
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

  @ParameterizedTest(name = "workers over {0}")
  @CsvSource({"engine, Workers fetching in process", "rest, External-task client:"})
  void stopsCleanlyWhileTheWorkersWait(String transport, String fetchingLog, @TempDir Path directory) throws Exception {
    app = new AppProcess(directory, TestHttp.freePort(), Map.of("WORKER_TRANSPORT", transport));
    app.start();
    TestHttp.Response created = app.http().post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "billing", "input", "Why was I charged twice?", "riskTier", "medium")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    TestHttp.Response review = null;
    for (int i = 0; i < 100 && (review == null || !"IN_REVIEW".equals(review.json().get("status").asText())); i++) {
      Thread.sleep(200);
      review = app.http().get("/api/reviews/" + id, "requester");
    }
    assertThat(review.json().get("status").asText()).as("drafted and screened by the workers").isEqualTo("IN_REVIEW");
    // The workers have nothing left to do and wait: on the engine's signal, or in a long poll.
    Thread.sleep(1_000);

    assertThat(app.stop(DOCKER_STOP_TIMEOUT)).as("exit code within " + DOCKER_STOP_TIMEOUT)
        .hasValueSatisfying(code -> assertThat(code).isIn(0, 143));
    assertThat(app.logText()).contains("Graceful shutdown complete", "Process Engine default closed")
        .as("the default node runs its workers").contains("Worker pool:", fetchingLog)
        .doesNotContain("ERROR");
  }
}
