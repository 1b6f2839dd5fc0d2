package dev.countersign.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.client.spring.SpringTopicSubscription;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.util.SingleConsumerCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fetches and locks the in-app workers' tasks through the engine's Java API, in this process,
 * instead of through its REST API over HTTP: the same subscriptions ({@code @ExternalTaskSubscription}),
 * the same pool, locks, retries and incidents, without a request, JSON and a login per fetch and per
 * completion. {@code WORKER_TRANSPORT=rest} keeps the REST client; a {@code worker} process always
 * uses it, having no engine of its own.
 *
 * <p>Between fetches it waits the way the REST API's long polling does: the engine signals when it
 * commits a new external task, so a task created in this process is fetched at once. Tasks created
 * by another node of a cluster are found by the next poll, at most {@code max-idle-backoff} later.
 */
@Component
@InAppWorkers
@ConditionalOnProperty(name = "countersign.workers.transport", havingValue = "engine", matchIfMissing = true)
class InProcessFetcher {

  private static final Logger log = LoggerFactory.getLogger(InProcessFetcher.class);
  private static final long FIRST_IDLE_WAIT_MILLIS = 50;

  private final ExternalTaskService engine;
  private final ObjectProvider<SpringTopicSubscription> subscriptions;
  private final WorkerProperties properties;
  private final String workerId;
  private final int maxTasks;
  private final long maxIdleMillis;
  private final InProcessTaskService handBack;
  private volatile boolean running;
  private volatile Thread fetching;
  private volatile SingleConsumerCondition arrived;

  InProcessFetcher(ExternalTaskService engine, RuntimeService runtime,
      ObjectProvider<SpringTopicSubscription> subscriptions, WorkerProperties properties,
      @Value("${camunda.bpm.client.worker-id}") String workerId,
      @Value("${camunda.bpm.client.max-tasks}") int maxTasks,
      @Value("${countersign.workers.max-idle-backoff:2000}") long maxIdleMillis) {
    this.engine = engine;
    this.subscriptions = subscriptions;
    this.properties = properties;
    this.workerId = workerId;
    this.maxTasks = maxTasks;
    this.maxIdleMillis = maxIdleMillis;
    this.handBack = new InProcessTaskService(engine, runtime, workerId);
  }

  /** Starts once every subscription exists, so the first fetch asks for every topic. */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    List<SpringTopicSubscription> topics = subscriptions.orderedStream().toList();
    if (topics.isEmpty()) {
      log.warn("No external-task subscriptions: this process fetches no work");
      return;
    }
    running = true;
    Thread thread = new Thread(() -> fetchUntilStopped(topics), "worker-fetch");
    thread.setDaemon(true);
    fetching = thread;
    thread.start();
    log.info("Workers fetching in process, through the engine's Java API, as {} for topics {}", workerId,
        topics.stream().map(SpringTopicSubscription::getTopicName).sorted().toList());
  }

  /**
   * Stops fetching before the engine stops. Work already handed to the pool finishes there. The
   * thread is not interrupted: it may be inside the database, and H2 closes a file whose I/O was
   * interrupted.
   */
  @EventListener(ContextClosedEvent.class)
  void stop() throws InterruptedException {
    Thread thread = fetching;
    if (thread == null) {
      return;
    }
    running = false;
    SingleConsumerCondition condition = arrived;
    if (condition != null) {
      condition.signal();
    }
    thread.join(5_000);
    log.info("Workers stopped fetching");
  }

  private void fetchUntilStopped(List<SpringTopicSubscription> topics) {
    Map<String, ExternalTaskHandler> handlers = topics.stream().collect(
        Collectors.toMap(SpringTopicSubscription::getTopicName, SpringTopicSubscription::getExternalTaskHandler));
    SingleConsumerCondition condition = new SingleConsumerCondition(Thread.currentThread());
    arrived = condition;
    ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
    try {
      long idleWait = 0;
      while (running) {
        List<LockedExternalTask> fetched = fetch(topics);
        for (LockedExternalTask task : fetched) {
          if (running) {
            hand(handlers.get(task.getTopicName()), task);
          } else {
            release(task);
          }
        }
        if (fetched.isEmpty() && running) {
          idleWait = idleWait == 0 ? FIRST_IDLE_WAIT_MILLIS : Math.min(2 * idleWait, maxIdleMillis);
          condition.await(idleWait);
        } else {
          idleWait = 0;
        }
      }
    } finally {
      ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
    }
  }

  /**
   * Up to {@code max-tasks} at once, as the REST client fetches. Fetching only what the pool had room
   * for at that moment (often one) meant many more fetches, each a query over the open tasks, and
   * cost 9% more CPU per review in the pipeline benchmark. A task waiting for room in the pool keeps
   * its lock (see {@link WorkerPool}).
   */
  private List<LockedExternalTask> fetch(List<SpringTopicSubscription> topics) {
    // As with the REST client, a closed subscription (auto-open=false, or closed since) fetches nothing.
    List<SpringTopicSubscription> open = topics.stream().filter(SpringTopicSubscription::isOpen).toList();
    if (open.isEmpty()) {
      return List.of();
    }
    try {
      var query = engine.fetchAndLock(maxTasks, workerId, true);
      ExternalTaskQueryTopicBuilder topic = null;
      for (SpringTopicSubscription subscription : open) {
        long lock = subscription.getLockDuration() != null
            ? subscription.getLockDuration() : properties.lockDuration().toMillis();
        topic = (topic == null ? query.topic(subscription.getTopicName(), lock)
            : topic.topic(subscription.getTopicName(), lock)).variables(subscription.getVariableNames());
        if (subscription.isLocalVariables()) {
          topic = topic.localVariables();
        }
      }
      return topic.execute();
    } catch (RuntimeException e) {
      // The database may be down for a moment; the loop waits and tries again.
      log.warn("Could not fetch external tasks: {}", e.getMessage());
      return List.of();
    }
  }

  /** A task fetched but not started when the node stops goes back at once, not when its lock runs out. */
  private void release(LockedExternalTask task) {
    try {
      engine.unlock(task.getId());
    } catch (RuntimeException e) {
      log.debug("Could not unlock external task {}; its lock runs out instead: {}", task.getId(), e.getMessage());
    }
  }

  private void hand(ExternalTaskHandler handler, LockedExternalTask task) {
    try {
      handler.execute(new LockedTask(task), handBack);
    } catch (RuntimeException e) {
      // The task stays locked until its lock runs out, then is fetched again.
      log.error("Worker for {} failed to take external task {}: {}", task.getTopicName(), task.getId(), e.toString());
    }
  }
}
