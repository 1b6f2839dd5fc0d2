package dev.countersign.retraining;

import dev.countersign.system.ClusterLock;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes a changed {@code RETRAINING_SCHEDULE} take effect on restart. Camunda evaluates a timer
 * start event's cycle when the model is deployed, and an unchanged model is not deployed again,
 * so the old schedule would go on. On start, a timer created with another schedule gets the new
 * cycle and the new cycle's next date (through the engine's internal API: its public API can move
 * a job's date, not its cycle).
 */
@Component
class RetrainingSchedule {

  private static final Logger log = LoggerFactory.getLogger(RetrainingSchedule.class);

  private final ProcessEngineConfigurationImpl engine;
  private final RetrainingProperties properties;
  private final ClusterLock cluster;

  RetrainingSchedule(ProcessEngineConfigurationImpl engine, RetrainingProperties properties, ClusterLock cluster) {
    this.engine = engine;
    this.properties = properties;
    this.cluster = cluster;
  }

  /** One node at a time: a node that starts with the other's change in flight would fail on the timer's version. */
  @EventListener(ApplicationReadyEvent.class)
  void deployed() {
    cluster.exclusively("applying the retraining schedule", this::apply);
  }

  /** Returns whether the timer was moved. */
  boolean apply() {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY).timers()
        .orderByJobDuedate().asc().listPage(0, 1).stream().findFirst().orElse(null);
    if (!(timer instanceof TimerEntity entity)
        || Objects.equals(withoutStart(entity.getRepeat()), withoutStart(properties.schedule()))) {
      return false;
    }
    Date next = new CycleBusinessCalendar().resolveDuedate(properties.schedule());
    engine.getCommandExecutorTxRequired().execute(context -> {
      TimerEntity job = (TimerEntity) context.getJobManager().findJobById(timer.getId());
      job.setRepeat(properties.schedule());
      job.setDuedate(next);
      return null;
    });
    log.info("Retraining schedule changed from '{}' to '{}': next scheduled retraining {}", entity.getRepeat(),
        properties.schedule(), next.toInstant());
    return true;
  }

  /** An ISO 8601 cycle as stored carries its start ({@code R/2026-11-25T10:00Z/P1D}); the schedule does not. */
  static String withoutStart(String cycle) {
    return cycle == null ? null : cycle.replaceFirst("^(R\\d*)/[^/P][^/]*/(P.*)$", "$1/$2");
  }
}
