package dev.countersign.screening;

import dev.countersign.generation.GenerationProperties;
import dev.countersign.generation.PromptLibrary;
import dev.countersign.memory.CorrectionMemory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A real model judges when one is configured; the offline drafter gets the similarity judge. */
@Configuration(proxyBeanMethods = false)
class JudgeConfig {

  @Bean
  DraftJudge draftJudge(@Value("${spring.ai.model.chat:offline}") String provider, ChatClient.Builder chat,
      PromptLibrary prompts, CorrectionMemory memory, EmbeddingModel embeddings, GenerationProperties generation) {
    return "offline".equals(provider)
        ? new SimilarityJudge(memory, embeddings, generation.adoption())
        : new LlmJudge(chat.build(), prompts);
  }
}
