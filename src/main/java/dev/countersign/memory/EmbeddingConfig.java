package dev.countersign.memory;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * EMBEDDING_PROVIDER=none (the default): an in-process model ({@code EMBEDDING_MODEL}, bge-small by
 * default), which downloads nothing. With openai or ollama, Spring AI's embedding model for that
 * provider is used instead.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfig {

  static final String IN_PROCESS_MODEL = "countersign.memory.in-process-model";

  @Bean
  @ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = "none", matchIfMissing = true)
  EmbeddingModel inProcessEmbeddingModel(Environment environment) {
    return new InProcessEmbeddingModel(InProcessEmbeddingModel.Choice.named(inProcessModel(environment)));
  }

  @Bean
  EmbeddingSpace embeddingSpace(Environment environment) {
    String provider = environment.getProperty("spring.ai.model.embedding", "none");
    return switch (provider) {
      case "openai" -> new EmbeddingSpace("openai:" + environment.getProperty("spring.ai.openai.embedding.options.model"));
      case "ollama" -> new EmbeddingSpace("ollama:" + environment.getProperty("spring.ai.ollama.embedding.options.model"));
      default -> new EmbeddingSpace(InProcessEmbeddingModel.Choice.named(inProcessModel(environment)).space);
    };
  }

  private static String inProcessModel(Environment environment) {
    return environment.getProperty(IN_PROCESS_MODEL, InProcessEmbeddingModel.Choice.BGE_SMALL.space);
  }
}
