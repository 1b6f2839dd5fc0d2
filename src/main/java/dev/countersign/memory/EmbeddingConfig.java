package dev.countersign.memory;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * EMBEDDING_PROVIDER=none (the default): the in-process MiniLM model, which downloads nothing.
 * With openai or ollama, Spring AI's embedding model for that provider is used instead.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfig {

  @Bean
  @ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = "none", matchIfMissing = true)
  EmbeddingModel miniLmEmbeddingModel() {
    return new MiniLmEmbeddingModel();
  }

  @Bean
  EmbeddingSpace embeddingSpace(Environment environment) {
    String provider = environment.getProperty("spring.ai.model.embedding", "none");
    return switch (provider) {
      case "openai" -> new EmbeddingSpace("openai:" + environment.getProperty("spring.ai.openai.embedding.options.model"));
      case "ollama" -> new EmbeddingSpace("ollama:" + environment.getProperty("spring.ai.ollama.embedding.options.model"));
      default -> new EmbeddingSpace(EmbeddingSpace.MINILM);
    };
  }
}
