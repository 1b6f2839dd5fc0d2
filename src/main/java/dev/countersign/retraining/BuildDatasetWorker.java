package dev.countersign.retraining;

import static dev.countersign.retraining.ModelRetraining.Variables.*;

import dev.countersign.system.LlmTaskExecutor;
import dev.countersign.system.PooledWorker;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Build dataset" (topic {@code dataset-build}): a long export, so it runs on the workers' pool with its lock kept. */
@Component
@ExternalTaskSubscription(topicName = ModelRetraining.BUILD_DATASET_TOPIC, variableNames = USE_CASE)
class BuildDatasetWorker extends PooledWorker {

  private final FineTuneJobs jobs;

  BuildDatasetWorker(FineTuneJobs jobs, LlmTaskExecutor executor) {
    super(executor);
    this.jobs = jobs;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) {
    FineTuneJobs.Dataset dataset = jobs.build(task.getVariable(USE_CASE));
    return Map.of(DATASET_EXPORT_ID, dataset.exportId(), DATASET_FILE, dataset.file().toString(),
        DATASET_SHA256, dataset.sha256(), TRAINING_EXAMPLES, dataset.examples(),
        FEEDBACK_UNTIL, dataset.feedbackUntil().toString());
  }
}
