package dev.countersign.generation;

import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.stereotype.Service;

/** Writes a draft with whichever chat model is configured. Engine-free. */
@Service
class DraftGenerator {

  private final ChatClient chat;
  private final PromptLibrary prompts;
  private final GenerationProperties properties;

  DraftGenerator(ChatClient.Builder chat, PromptLibrary prompts, GenerationProperties properties) {
    this.chat = chat.build();
    this.prompts = prompts;
    this.properties = properties;
  }

  Draft generate(DraftRequest request) {
    String promptId = properties.promptVersion();
    String revision = request.isRevision()
        ? prompts.render(promptId, "revision", Map.of(
            "rejectedDraft", request.rejectedDraft() == null ? "" : request.rejectedDraft(),
            "reviewerFeedback", request.reviewerFeedback()))
        : "";
    String user = prompts.render(promptId, "user",
        Map.of("useCase", request.useCase(), "input", request.input(), "revision", revision));
    ChatResponse response = chat.prompt()
        .system(prompts.render(promptId, "system", Map.of()))
        .user(user)
        .call()
        .chatResponse();
    if (response == null || response.getResult() == null || response.getResult().getOutput() == null) {
      throw new UnusableOutputException("The model returned no answer");
    }
    String text = response.getResult().getOutput().getText();
    if (text == null || text.isBlank()) {
      throw new UnusableOutputException("The model returned an empty draft");
    }
    ChatResponseMetadata metadata = response.getMetadata();
    // A model that reports no usage (the offline drafter) gets no token counts, not zeros.
    Usage usage = metadata.getUsage() instanceof EmptyUsage ? null : metadata.getUsage();
    String model = metadata.getModel() == null || metadata.getModel().isBlank() ? "unknown" : metadata.getModel();
    return new Draft(text.strip(), model, promptId,
        usage == null ? null : usage.getPromptTokens(), usage == null ? null : usage.getCompletionTokens());
  }
}
