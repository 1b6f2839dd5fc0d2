package dev.countersign.generation;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** LLM_PROVIDER=offline (the default): no model, no key, no network. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "offline", matchIfMissing = true)
class OfflineModelConfig {

  @Bean
  ChatModel offlineDraftModel(PromptLibrary prompts, GenerationProperties properties) {
    return new OfflineDraftModel(prompts, properties.adoption());
  }
}
