package dev.countersign.retraining;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param schedule when model-retraining starts on its own (Camunda time cycle: a cron expression or
 *     ISO 8601 repeating interval); it retrains every use case with new training examples
 * @param feedbackThreshold after this many new training examples (approved, not held out) in one
 *     use case, retrain it at once; 0 turns this off
 * @param minExamples a dataset with fewer training examples is not trained on
 * @param pollInterval how long to wait between looks at a running fine-tune job
 * @param backend {@code memory-snapshot} (offline default) or {@code openai}
 * @param directory where datasets built for training are written; share it between nodes
 * @param openai the OpenAI-compatible fine-tuning API
 */
@ConfigurationProperties("countersign.retraining")
record RetrainingProperties(
    @DefaultValue("0 0 3 * * ?") String schedule,
    @DefaultValue("200") int feedbackThreshold,
    @DefaultValue("10") int minExamples,
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("memory-snapshot") String backend,
    @DefaultValue("./data/datasets") Path directory,
    @DefaultValue OpenAi openai) {

  /**
   * @param baseUrl the API's root, without {@code /v1}
   * @param baseModel the model fine-tuned
   */
  record OpenAi(
      @DefaultValue("https://api.openai.com") String baseUrl,
      @DefaultValue("not-set") String apiKey,
      @DefaultValue("gpt-4o-mini-2024-07-18") String baseModel) {}
}
