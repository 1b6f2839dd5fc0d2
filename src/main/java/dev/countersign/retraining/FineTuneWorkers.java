package dev.countersign.retraining;

import static dev.countersign.promotion.CandidatePromotion.Variables.CANDIDATE_VERSION;
import static dev.countersign.retraining.ModelRetraining.Variables.*;

import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.system.InAppWorkers;
import dev.countersign.system.PooledWorker;
import dev.countersign.system.WorkerPool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * "Start fine-tune" and "Check fine-tune job": provider calls, on the workers' pool. A job the
 * provider reports failed becomes an incident at once; rate limits and server errors are retried
 * by Camunda with backoff.
 */
final class FineTuneWorkers {

  private FineTuneWorkers() {}

  @Component
  @InAppWorkers
  @ExternalTaskSubscription(topicName = ModelRetraining.START_FINE_TUNE_TOPIC, variableNames = {USE_CASE,
      DATASET_EXPORT_ID, DATASET_FILE, DATASET_SHA256, TRAINING_EXAMPLES, FEEDBACK_UNTIL})
  static class Start extends PooledWorker {

    private final FineTuneJobs jobs;

    Start(FineTuneJobs jobs, WorkerPool pool) {
      super(pool);
      this.jobs = jobs;
    }

    @Override
    protected Map<String, Object> work(ExternalTask task) {
      return jobs.start(task.getVariable(USE_CASE), new FineTuneJobs.Dataset(
          ((Number) task.getVariable(DATASET_EXPORT_ID)).longValue(), Path.of((String) task.getVariable(DATASET_FILE)),
          task.getVariable(DATASET_SHA256), ((Number) task.getVariable(TRAINING_EXAMPLES)).longValue(),
          Instant.parse(task.getVariable(FEEDBACK_UNTIL)))).variables();
    }
  }

  @Component
  @InAppWorkers
  @ExternalTaskSubscription(topicName = ModelRetraining.CHECK_FINE_TUNE_TOPIC, variableNames = CANDIDATE_VERSION)
  static class Check extends PooledWorker {

    private final FineTuneJobs jobs;

    Check(FineTuneJobs jobs, WorkerPool pool) {
      super(pool);
      this.jobs = jobs;
    }

    @Override
    protected Map<String, Object> work(ExternalTask task) {
      return jobs.check(ModelCandidate.id(task.getVariable(CANDIDATE_VERSION))).variables();
    }
  }
}
