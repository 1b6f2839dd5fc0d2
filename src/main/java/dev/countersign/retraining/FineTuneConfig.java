package dev.countersign.retraining;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** One fine-tune backend, as {@code countersign.retraining.backend} says. */
@Configuration(proxyBeanMethods = false)
class FineTuneConfig {

  @Bean
  FineTuneBackend fineTuneBackend(RetrainingProperties properties, RestClient.Builder http) {
    return switch (properties.backend()) {
      case "memory-snapshot" -> new MemorySnapshotBackend();
      case "openai" -> new OpenAiFineTuneBackend(http, properties.openai());
      default -> throw new IllegalStateException("countersign.retraining.backend must be memory-snapshot or openai, not '"
          + properties.backend() + "'");
    };
  }
}
