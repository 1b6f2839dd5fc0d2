package dev.countersign.learning;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EmbeddingConfig {

  @Bean
  @ConditionalOnMissingBean(EmbeddingModel.class)
  EmbeddingModel miniLmEmbeddingModel() {
    return new MiniLmEmbeddingModel();
  }
}
