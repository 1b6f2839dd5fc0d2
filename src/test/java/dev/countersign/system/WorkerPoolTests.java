package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.client.task.impl.ExternalTaskImpl;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class WorkerPoolTests {

  /** Records what the executor tells Camunda; the engine's side of the wire. */
  static class RecordingService implements ExternalTaskService {
    final List<Map<String, Object>> completions = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger lockExtensions = new AtomicInteger();
    volatile boolean failNextCompletion;

    @Override public void complete(ExternalTask task, Map<String, Object> variables) {
      if (failNextCompletion) {
        failNextCompletion = false;
        throw new IllegalStateException("connection reset");
      }
      completions.add(variables);
    }
    @Override public void handleFailure(ExternalTask task, String message, String details, int retries, long timeout) {
      failures.add(retries + "/" + timeout + "/" + message);
    }
    @Override public void extendLock(ExternalTask task, long duration) { lockExtensions.incrementAndGet(); }
    @Override public void lock(String id, long duration) {}
    @Override public void lock(ExternalTask task, long duration) {}
    @Override public void unlock(ExternalTask task) {}
    @Override public void complete(ExternalTask task) { complete(task, Map.of()); }
    @Override public void setVariables(String id, Map<String, Object> variables) {}
    @Override public void setVariables(ExternalTask task, Map<String, Object> variables) {}
    @Override public void complete(ExternalTask task, Map<String, Object> v, Map<String, Object> l) { complete(task, v); }
    @Override public void complete(String id, Map<String, Object> v, Map<String, Object> l) {}
    @Override public void handleFailure(String id, String m, String d, int r, long t) {}
    @Override public void handleFailure(String id, String m, String d, int r, long t, Map<String, Object> v, Map<String, Object> l) {}
    @Override public void handleBpmnError(ExternalTask task, String code) {}
    @Override public void handleBpmnError(ExternalTask task, String code, String message) {}
    @Override public void handleBpmnError(ExternalTask task, String code, String message, Map<String, Object> v) {}
    @Override public void handleBpmnError(String id, String code, String message, Map<String, Object> v) {}
    @Override public void extendLock(String id, long duration) {}
  }

  private final RecordingService service = new RecordingService();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private JdbcTemplate jdbc;
  private WorkerPool executor;

  @BeforeEach
  void setUp() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:executor-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).table("cs_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    executor.destroy();
  }

  @Test
  void runsCallsInParallelUpToTheConfiguredConcurrency() {
    executor = executor(4, Duration.ofSeconds(60));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Thread client = new Thread(() -> {
      for (int i = 0; i < 12; i++) {
        executor.submit(task(null), service, t -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          release.await();
          running.decrementAndGet();
          return Map.of("done", true);
        }, Set.of());
      }
    });
    client.start();

    // Four calls hold every permit, so the client waits before it can hand over a fifth.
    await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 4 && client.getState() == Thread.State.WAITING);
    assertThat(service.completions).isEmpty();
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.completions.size() == 12);
    assertThat(mostAtOnce.get()).isEqualTo(4);
    assertThat(meters.get(WorkerPool.TASK_TIMER).tags("outcome", "success").timer().count()).isEqualTo(12);
    assertThat(meters.get(WorkerPool.LEGACY_TASK_TIMER).tags("outcome", "success").timer().count())
        .as("the old name, kept for one release").isEqualTo(12);
  }

  @Test
  void redeliveredTaskCompletesWithTheStoredResultWithoutCallingTheModelAgain() {
    executor = executor(2, Duration.ofSeconds(60));
    AtomicInteger calls = new AtomicInteger();
    ExternalTask task = task(null);
    service.failNextCompletion = true;
    Set<String> transientResults = Set.of("tokens");

    executor.submit(task, service, t -> Map.of("draft", "draft " + calls.incrementAndGet(), "tokens", 12),
        transientResults);
    await().atMost(Duration.ofSeconds(5)).until(() -> count() == 1 && !service.failNextCompletion);
    assertThat(jdbc.queryForObject("select result_json from cs_worker_result", String.class))
        .as("stored as the worker returned it").contains("\"tokens\":12");
    executor.submit(task, service, t -> Map.of("draft", "draft " + calls.incrementAndGet()), transientResults);

    await().atMost(Duration.ofSeconds(5)).until(() -> service.completions.size() == 1);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(service.completions.get(0)).containsEntry("draft", "draft 1");
    assertThat(service.completions.get(0).get("tokens")).as("handed over transient, also when stored first")
        .isInstanceOfSatisfying(TypedValue.class, value -> {
          assertThat(value.isTransient()).isTrue();
          assertThat(value.getValue()).isEqualTo(12);
        });
    await().atMost(Duration.ofSeconds(5)).until(() -> count() == 0);
  }

  @Test
  void transientFailuresCountRetriesDownWithGrowingBackoff() {
    executor = executor(1, Duration.ofSeconds(60));
    executor.submit(task(null), service, t -> { throw new TransientAiException("HTTP 429 - slow down"); }, Set.of());
    executor.submit(task(2), service, t -> { throw new TransientAiException("HTTP 503"); }, Set.of());
    executor.submit(task(1), service, t -> { throw new TransientAiException("HTTP 500"); }, Set.of());

    await().atMost(Duration.ofSeconds(5)).until(() -> service.failures.size() == 3);
    assertThat(meters.get(WorkerPool.TASK_TIMER).tags("topic", "llm-generate", "outcome", "transient-failure").timer().count())
        .isEqualTo(3);
    assertThat(service.failures).containsExactly(
        "2/200/TransientAiException: HTTP 429 - slow down",
        "1/600/TransientAiException: HTTP 503",
        "0/0/TransientAiException: HTTP 500");
  }

  @Test
  void permanentFailuresRaiseAnIncidentAtOnce() {
    executor = executor(1, Duration.ofSeconds(60));
    executor.submit(task(null), service, t -> { throw new NonTransientAiException("HTTP 400 - bad model"); }, Set.of());

    await().atMost(Duration.ofSeconds(5)).until(() -> service.failures.size() == 1);
    assertThat(service.failures.get(0)).isEqualTo("0/0/NonTransientAiException: HTTP 400 - bad model");
  }

  @Test
  void extendsTheLockWhileACallRuns() {
    executor = executor(1, Duration.ofSeconds(3));
    CountDownLatch extended = new CountDownLatch(1);
    executor.submit(task(null), service, t -> {
      // The call ends only once its lock has been extended at least once.
      if (!extended.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the lock was never extended");
      }
      return Map.of();
    }, Set.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> service.lockExtensions.get() > 0);
    extended.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> service.completions.size() == 1);
    assertThat(service.failures).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> meters.get(WorkerPool.IN_FLIGHT).gauge().value() == 0);
  }

  private WorkerPool executor(int concurrency, Duration lock) {
    WorkerProperties properties = new WorkerProperties(concurrency, lock, 3, Duration.ofMillis(200), Duration.ofSeconds(5));
    return new WorkerPool(properties, new WorkerResultLog(jdbc, new ObjectMapper()), meters);
  }

  private int count() {
    return jdbc.queryForObject("select count(*) from cs_worker_result", Integer.class);
  }

  private static ExternalTask task(Integer retries) {
    ExternalTaskImpl task = new ExternalTaskImpl();
    task.setId(UUID.randomUUID().toString());
    task.setTopicName("llm-generate");
    task.setRetries(retries);
    return task;
  }
}
