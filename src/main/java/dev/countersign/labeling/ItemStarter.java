package dev.countersign.labeling;

import static dev.countersign.labeling.DataLabeling.Variables.*;

import dev.countersign.oversight.AuditTrail;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a {@code data-labeling} instance for each queued item, in batches, one transaction each.
 * An item is taken by a conditional update before its instance starts, so two nodes never start
 * one item twice, and an item whose upload committed is started even if the node that took the
 * upload died: every node looks for queued items on a fixed delay, and an upload wakes its own
 * node at once. Gold items are mixed in at the project's gold rate, at random, while both remain.
 */
@Component
class ItemStarter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ItemStarter.class);

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final Projects projects;
  private final TransactionTemplate transaction;
  private final LabelingProperties properties;
  private final AuditTrail audit;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "labeling-item-starter");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean woken = new AtomicBoolean();
  private volatile boolean stopping;

  ItemStarter(JdbcTemplate jdbc, RuntimeService runtime, Projects projects, TransactionTemplate transaction,
      LabelingProperties properties, AuditTrail audit) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.projects = projects;
    this.transaction = transaction;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startLooking() {
    long every = properties.startInterval().toMillis();
    executor.scheduleWithFixedDelay(this::startQueued, every, every, TimeUnit.MILLISECONDS);
  }

  /** Look now, for an upload that just committed. */
  void wake() {
    if (woken.compareAndSet(false, true)) {
      try {
        executor.execute(() -> {
          woken.set(false);
          startQueued();
        });
      } catch (RejectedExecutionException rejected) {
        // The upload has committed: its items wait for this node's next start, or another node.
        log.info("Not starting queued items now: this node is stopping");
      }
    }
  }

  /**
   * Lets the batch under way commit, then stops. Never by interrupting: an interrupt during file I/O
   * makes H2 close the whole database under every other thread.
   */
  @Override
  public void destroy() throws InterruptedException {
    stopping = true;
    executor.shutdown();
    if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
      log.warn("Starting queued items did not finish within 60 s of stopping; its batch rolls back");
    }
  }

  /**
   * Starts every queued item now and returns how many it started. On the starter's own thread, as
   * every look is: two looks of one node would only wait on each other's rows.
   */
  int startNow() {
    try {
      return executor.submit(this::startQueued).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting queued items", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Starting queued items failed", e.getCause());
    }
  }

  private int startQueued() {
    int total = 0;
    try {
      for (String projectId : jdbc.queryForList(
          "select distinct project_id from cs_labeling_item where status = 'QUEUED'", String.class)) {
        Projects.Project project = projects.find(projectId).orElseThrow();
        int started;
        do {
          started = transaction.execute(status -> startBatch(project));
          total += started;
        } while (started > 0 && !stopping);
      }
      if (total > 0) {
        log.info("Started {} labeling items", total);
      }
    } catch (RuntimeException e) {
      // Left QUEUED: the next look tries again.
      log.error("Starting queued labeling items failed after {} started; retrying at the next look", total, e);
    }
    return total;
  }

  private int startBatch(Projects.Project project) {
    int batch = properties.startBatch();
    List<Long> regular = queued(project.id(), false, batch);
    List<Long> gold = queued(project.id(), true, batch);
    int started = 0;
    while (started < batch && (!regular.isEmpty() || !gold.isEmpty())) {
      boolean takeGold = GoldMix.takeGold(!gold.isEmpty(), !regular.isEmpty(), project.goldRate(),
          ThreadLocalRandom.current().nextDouble());
      long itemId = (takeGold ? gold : regular).remove(0);
      if (start(project, itemId)) {
        started++;
      }
    }
    return started;
  }

  private List<Long> queued(String projectId, boolean gold, int limit) {
    return new ArrayList<>(jdbc.queryForList("""
        select id from cs_labeling_item where status = 'QUEUED' and project_id = ? and gold = ?
        order by id fetch first ? rows only""", Long.class, projectId, gold, limit));
  }

  private boolean start(Projects.Project project, long itemId) {
    // Taken first: a node that lost the race finds the row no longer queued and leaves it.
    if (jdbc.update("update cs_labeling_item set status = 'LABELING' where id = ? and status = 'QUEUED'", itemId) == 0) {
      return false;
    }
    String text = jdbc.queryForObject("select item_text from cs_labeling_item where id = ?", String.class, itemId);
    Map<String, Object> variables = new HashMap<>();
    variables.put(PROJECT_ID, project.id());
    variables.put(ITEM_ID, itemId);
    variables.put(TEXT, text);
    variables.put(QUESTION, project.question());
    variables.put(KIND, project.schema().kindName());
    variables.put(LABEL_OPTIONS, SpinValues.jsonValue(project.schema().toJson(project.schema().labels())).create());
    variables.put(ANNOTATORS_PER_ITEM, project.annotatorsPerItem());
    variables.put(ANNOTATOR_GROUP, project.annotatorGroup());
    variables.put(ADJUDICATOR_GROUP, project.adjudicatorGroup());
    variables.put(RISK_TIER, project.riskTier());
    // Before the start, so the chain opens with it rather than with the tasks the start creates.
    audit.append(DataLabeling.ITEM_KEY_PREFIX + itemId, "labeling.item-started", AuditTrail.SYSTEM,
        AuditTrail.details("projectId", project.id(), "annotatorsPerItem", project.annotatorsPerItem()));
    ProcessInstance instance = runtime.startProcessInstanceByKey(DataLabeling.PROCESS_KEY,
        DataLabeling.ITEM_KEY_PREFIX + itemId, variables);
    jdbc.update("update cs_labeling_item set process_instance_id = ? where id = ?", instance.getId(), itemId);
    return true;
  }
}
