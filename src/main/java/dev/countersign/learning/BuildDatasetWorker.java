package dev.countersign.learning;

import static dev.countersign.learning.ModelRetraining.Variables.*;

import dev.countersign.system.LlmTaskExecutor;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** "Build dataset" (topic {@code dataset-build}): a long export, so it runs on the workers' pool with its lock kept. */
@Component
@ExternalTaskSubscription(topicName = ModelRetraining.BUILD_DATASET_TOPIC, variableNames = USE_CASE)
class BuildDatasetWorker implements ExternalTaskHandler {

  private final FineTuneJobs jobs;
  private final LlmTaskExecutor executor;

  BuildDatasetWorker(FineTuneJobs jobs, LlmTaskExecutor executor) {
    this.jobs = jobs;
    this.executor = executor;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    executor.submit(task, service, t -> {
      FineTuneJobs.Dataset dataset = jobs.build(t.getVariable(USE_CASE));
      return Map.of(DATASET_EXPORT_ID, dataset.exportId(), DATASET_FILE, dataset.file().toString(),
          DATASET_SHA256, dataset.sha256(), TRAINING_EXAMPLES, dataset.examples(),
          FEEDBACK_UNTIL, dataset.feedbackUntil().toString());
    });
  }
}
