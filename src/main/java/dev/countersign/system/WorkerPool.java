package dev.countersign.system;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs every worker's external tasks on a bounded pool, because the Camunda client calls handlers
 * one at a time on a single thread and most work (an LLM call, a dataset build) takes seconds.
 *
 * <p>While a call runs its lock is extended. Transient failures (429, 5xx, timeouts) go back to
 * Camunda with a decreasing retry count and growing backoff; when none are left Camunda raises an
 * incident. Anything else (400, unusable output) raises an incident at once. Nothing is retried
 * inside this class: Camunda owns retries, so they are visible in Cockpit. A result the engine
 * did not accept is stored by task id, so the next delivery completes without doing the work again.
 */
@Component
@InAppWorkers
public class WorkerPool implements DisposableBean {

  /** The work for one task: read its variables, do the work, return the variables to set. */
  @FunctionalInterface
  public interface Work {
    Map<String, Object> run(ExternalTask task) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  public static final String TASK_TIMER = "countersign.worker.task";
  static final String IN_FLIGHT = "countersign.worker.in.flight";
  /** The names before every worker ran here; still registered for one release so dashboards can move. */
  static final String LEGACY_TASK_TIMER = "countersign.llm.call";
  static final String LEGACY_IN_FLIGHT = "countersign.llm.in.flight";

  private final WorkerProperties properties;
  private final WorkerResultLog callLog;
  private final MeterRegistry meters;
  private final Semaphore permits;
  private final ExecutorService calls;
  private final ExecutorService handBacks;
  private final ScheduledExecutorService lockKeeper;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  private static final class InFlight {
    final ExternalTask task;
    final ExternalTaskService service;
    volatile long lockedUntil;

    InFlight(ExternalTask task, ExternalTaskService service, long lockedUntil) {
      this.task = task;
      this.service = service;
      this.lockedUntil = lockedUntil;
    }
  }

  private static final int COMPLETION_ATTEMPTS = 3;

  WorkerPool(WorkerProperties properties, WorkerResultLog callLog, MeterRegistry meters) {
    this.properties = properties;
    this.callLog = callLog;
    this.meters = meters;
    for (String name : List.of(IN_FLIGHT, LEGACY_IN_FLIGHT)) {
      Gauge.builder(name, inFlight, Map::size)
          .description("External tasks fetched by this worker and not yet handed back to the engine")
          .register(meters);
    }
    this.permits = new Semaphore(properties.concurrency());
    this.calls = Executors.newFixedThreadPool(properties.concurrency(), daemonThreads("worker-call-"));
    this.handBacks = Executors.newFixedThreadPool(properties.concurrency(), daemonThreads("worker-hand-back-"));
    this.lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "worker-lock-keeper");
      t.setDaemon(true);
      return t;
    });
    log.info("Worker pool: {} tasks at once, locks of {} extended while work runs", properties.concurrency(),
        properties.lockDuration());
    long period = extendPeriodMillis();
    lockKeeper.scheduleAtFixedRate(this::extendLocks, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Hands the task to the pool. Blocks the client's thread while all permits are taken, so the
   * client fetches no more tasks than can be worked on. A permit is held for the work only:
   * handing the result back to the engine runs on its own threads, so a busy engine does not
   * leave the pool idle.
   *
   * @param transientVariables results handed to the engine transient (see {@link PooledWorker})
   */
  public void submit(ExternalTask task, ExternalTaskService service, Work work, Set<String> transientVariables) {
    long lockedUntil = System.currentTimeMillis() + properties.lockDuration().toMillis();
    if (inFlight.putIfAbsent(task.getId(), new InFlight(task, service, lockedUntil)) != null) {
      log.debug("External task {} is already being worked on here; ignoring the second delivery", task.getId());
      return;
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      inFlight.remove(task.getId());
      Thread.currentThread().interrupt();
      return;
    }
    calls.execute(() -> {
      Result outcome = null;
      Exception failure = null;
      try {
        outcome = call(task, work);
      } catch (Exception e) {
        failure = e;
      } finally {
        permits.release();
      }
      Result result = outcome;
      Exception error = failure;
      handBacks.execute(() -> {
        try {
          if (error != null) {
            reportFailure(task, service, error);
          } else {
            complete(task, service, result, transientVariables);
          }
        } finally {
          inFlight.remove(task.getId());
        }
      });
    });
  }

  private record Result(Map<String, Object> variables, boolean stored) {}

  private Result call(ExternalTask task, Work work) throws Exception {
    Optional<Map<String, Object>> earlier = callLog.find(task.getId());
    if (earlier.isPresent()) {
      log.info("Reusing the stored result for redelivered external task {} ({})", task.getId(), task.getTopicName());
      record(task, "reused", Duration.ZERO);
      return new Result(earlier.get(), true);
    }
    long start = System.nanoTime();
    String outcome = "permanent-failure";
    try {
      Map<String, Object> variables = work.run(task);
      outcome = "success";
      return new Result(variables, false);
    } catch (Exception e) {
      outcome = LlmFailures.isTransient(e) ? "transient-failure" : "permanent-failure";
      throw e;
    } finally {
      record(task, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Per topic and outcome: tasks worked on, their duration, and how many failed and how. */
  private void record(ExternalTask task, String outcome, Duration took) {
    for (String name : List.of(TASK_TIMER, LEGACY_TASK_TIMER)) {
      Timer.builder(name)
          .description("Work done for an external task, from the worker's side")
          .tag("topic", task.getTopicName())
          .tag("outcome", outcome)
          // Buckets, so that Prometheus (and the Grafana dashboard) can take percentiles across nodes.
          .publishPercentileHistogram(TASK_TIMER.equals(name))
          .register(meters)
          .record(took);
    }
  }

  private void complete(ExternalTask task, ExternalTaskService service, Result result, Set<String> transientVariables) {
    Map<String, Object> variables = result.variables();
    for (int attempt = 1; attempt <= COMPLETION_ATTEMPTS; attempt++) {
      try {
        service.complete(task, ProcessVariables.markTransient(variables, transientVariables));
        if (result.stored()) {
          callLog.forget(task.getId());
        }
        return;
      } catch (RuntimeException e) {
        if (isOptimisticLocking(e) && attempt < COMPLETION_ATTEMPTS) {
          log.debug("Completion of external task {} raced with another update; trying again", task.getId());
          continue;
        }
        // Kept until the task is delivered again, which then completes without doing the work again.
        if (!result.stored()) {
          callLog.save(task.getId(), task.getTopicName(), variables);
        }
        log.warn("Could not complete external task {} ({}); its result is stored and completes the task when "
            + "it is delivered again: {}", task.getId(), task.getTopicName(), e.getMessage());
        return;
      }
    }
  }

  /** Through the REST API the engine's exception arrives by name; in process, as itself. */
  private static boolean isOptimisticLocking(RuntimeException e) {
    if (e instanceof OptimisticLockingException) {
      return true;
    }
    return e instanceof RestException rest && ("OptimisticLockingException".equals(rest.getType())
        || (rest.getMessage() != null && rest.getMessage().contains("OptimisticLockingException")));
  }

  private void reportFailure(ExternalTask task, ExternalTaskService service, Exception failure) {
    String message = LlmFailures.summary(failure);
    int retriesLeft;
    long backoff;
    if (LlmFailures.isTransient(failure)) {
      int before = task.getRetries() == null ? properties.retries() : task.getRetries();
      retriesLeft = Math.max(0, before - 1);
      int attempt = properties.retries() - retriesLeft;
      backoff = retriesLeft == 0 ? 0 : properties.backoffMillis(attempt);
      if (retriesLeft > 0) {
        log.warn("Transient failure on {} task {} ({} retries left, next in {} ms): {}",
            task.getTopicName(), task.getId(), retriesLeft, backoff, message);
      } else {
        log.error("{} task {} failed and has no retries left; raising an incident: {}",
            task.getTopicName(), task.getId(), message);
      }
    } else {
      retriesLeft = 0;
      backoff = 0;
      log.error("{} task {} failed permanently; raising an incident: {}", task.getTopicName(), task.getId(), message);
    }
    try {
      service.handleFailure(task, message, stackTrace(failure), retriesLeft, backoff);
    } catch (RuntimeException e) {
      log.warn("Could not report the failure of external task {}: {}", task.getId(), e.getMessage());
    }
  }

  /**
   * Extends only locks that would run out before the next round: most calls finish well within
   * one lock, and every extension is an update that can race with the task's completion.
   */
  private void extendLocks() {
    long duration = properties.lockDuration().toMillis();
    long horizon = System.currentTimeMillis() + 2 * extendPeriodMillis();
    inFlight.values().stream().filter(call -> call.lockedUntil < horizon).forEach(call -> {
      try {
        call.service.extendLock(call.task, duration);
        call.lockedUntil = System.currentTimeMillis() + duration;
      } catch (RuntimeException e) {
        log.debug("Could not extend the lock of external task {}: {}", call.task.getId(), e.getMessage());
      }
    });
  }

  private long extendPeriodMillis() {
    return Math.max(500, properties.lockDuration().toMillis() / 3);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void destroy() throws InterruptedException {
    lockKeeper.shutdownNow();
    for (ExecutorService executor : new ExecutorService[] {calls, handBacks}) {
      executor.shutdown();
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    }
  }
}
