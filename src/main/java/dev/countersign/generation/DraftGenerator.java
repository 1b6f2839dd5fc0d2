package dev.countersign.generation;

import dev.countersign.memory.CorrectionMemory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.stereotype.Service;

/** Writes a draft with whichever chat model is configured. Engine-free. */
@Service
public class DraftGenerator {

  private static final CorrectionMemory.Recall NOTHING = new CorrectionMemory.Recall(List.of(), List.of());

  private final ChatClient chat;
  private final PromptLibrary prompts;
  private final GenerationProperties properties;
  private final CorrectionMemory memory;
  private final DraftingChampions champions;

  DraftGenerator(ChatClient.Builder chat, PromptLibrary prompts, GenerationProperties properties,
      CorrectionMemory memory, DraftingChampions champions) {
    this.chat = chat.build();
    this.prompts = prompts;
    this.properties = properties;
    this.memory = memory;
    this.champions = champions;
  }

  /**
   * A draft with the model that is champion for the request's use case, and its champion prompt
   * version unless the process pins one ({@code pinnedPromptVersion}, blank for none).
   */
  Draft generate(DraftRequest request, String pinnedPromptVersion) {
    String promptId = pinnedPromptVersion == null || pinnedPromptVersion.isBlank()
        ? champions.promptVersion(request.useCase()) : pinnedPromptVersion.strip();
    return generate(request, promptId, champions.model(request.useCase()).orElse(null));
  }

  /**
   * @param model a model to draft with, or null for the configured model with live memory; a memory
   *     snapshot recalls only what it holds
   */
  public Draft generate(DraftRequest request, String promptId, DraftModel model) {
    String revision = request.isRevision()
        ? prompts.render(promptId, "revision", Map.of(
            "rejectedDraft", request.rejectedDraft() == null ? "" : request.rejectedDraft(),
            "reviewerFeedback", request.reviewerFeedback()))
        : "";
    boolean fewShot = properties.memoryExamples() > 0 && prompts.has(promptId, "examples");
    Instant snapshot = model == null ? null : model.memoryUntil();
    CorrectionMemory.Recall recall = fewShot ? memory.recall(request.useCase(), request.input(),
        properties.memoryExamples(), properties.memoryMinSimilarity(), snapshot) : NOTHING;
    String user = prompts.render(promptId, "user", Map.of("useCase", request.useCase(), "input", request.input(),
        "revision", revision, "examples", fewShot ? examples(promptId, recall) : ""));
    ChatClient.ChatClientRequestSpec call = chat.prompt()
        .system(prompts.render(promptId, "system", Map.of()))
        .user(user);
    if (model != null && model.providerModel() != null) {
      call = call.options(ChatOptions.builder().model(model.providerModel()).build());
    }
    ChatResponse response = call.call().chatResponse();
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
    String modelName = metadata.getModel() == null || metadata.getModel().isBlank() ? "unknown" : metadata.getModel();
    if (snapshot != null) {
      modelName += " with memory " + model.name();
    }
    return new Draft(text.strip(), modelName, promptId,
        usage == null ? null : usage.getPromptTokens(), usage == null ? null : usage.getCompletionTokens(), recall);
  }

  /** The recalled memories as the prompt's examples section; empty when there are none. */
  private String examples(String promptId, CorrectionMemory.Recall recall) {
    if (recall.isEmpty()) {
      return "";
    }
    StringBuilder approved = new StringBuilder();
    for (CorrectionMemory.Approved a : recall.approved()) {
      approved.append(prompts.render(promptId, "approved", Map.of("similarity", similarity(a.similarity()),
          "fit", similarity(a.fit()), "usualFit", Double.isNaN(a.usualFit()) ? "" : similarity(a.usualFit()),
          "request", a.input(), "answer", a.answer()))).append("\n\n");
    }
    StringBuilder avoid = new StringBuilder();
    for (CorrectionMemory.Avoid a : recall.avoid()) {
      avoid.append(prompts.render(promptId, "avoid", Map.of("similarity", similarity(a.similarity()),
          "draft", a.draft(), "reason", a.reason() == null ? "" : a.reason()))).append("\n\n");
    }
    return prompts.render(promptId, "examples", Map.of("approved", approved.toString(), "avoid", avoid.toString()))
        + "\n\n";
  }

  private static String similarity(double value) {
    // Three places, as the adoption rule compares them against a margin of a few hundredths.
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
