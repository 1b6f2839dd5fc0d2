package dev.countersign.retraining;

import static dev.countersign.retraining.ModelRetraining.Variables.*;

import dev.countersign.system.InAppWorkers;
import dev.countersign.system.PooledWorker;
import dev.countersign.system.WorkerPool;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Build dataset" (topic {@code dataset-build}): a long export, so it runs on the workers' pool with its lock kept. */
@Component
@InAppWorkers
@ExternalTaskSubscription(topicName = ModelRetraining.BUILD_DATASET_TOPIC, variableNames = USE_CASE)
class BuildDatasetWorker extends PooledWorker {

  private final FineTuneJobs jobs;

  BuildDatasetWorker(FineTuneJobs jobs, WorkerPool pool) {
    super(pool);
    this.jobs = jobs;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) {
    return jobs.build(task.getVariable(USE_CASE)).variables();
  }
}
