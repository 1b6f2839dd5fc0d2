package dev.countersign.generation;

import dev.countersign.memory.AdoptionRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The default drafter when no LLM is configured. It is not a language model: it reads the same
 * prompt a model would and offers, as the draft, the approved answer among the prompt's few-shot
 * examples (recalled by embedding similarity from the feedback store) that fits the request best,
 * when the {@link AdoptionRule} allows: a good enough fit, and clearly better than any other
 * answer. Otherwise it fills a plain template. Its model name says so on every draft.
 */
class OfflineDraftModel implements ChatModel {

  static final String MODEL_NAME = "countersign-offline-retrieval (not an LLM)";
  private static final String FALLBACK_TEMPLATE = "offline-v1";
  private static final Pattern USE_CASE = Pattern.compile("^Use case: (.+)$", Pattern.MULTILINE);
  private static final Pattern EXAMPLE = Pattern.compile(
      "<example similarity=\"[0-9.]+\" fit=\"([0-9.]+)\" usual-fit=\"([0-9.]*)\">.*?<approved-answer>(.*?)</approved-answer>",
      Pattern.DOTALL);

  private final PromptLibrary prompts;
  private final AdoptionRule adoption;

  OfflineDraftModel(PromptLibrary prompts, AdoptionRule adoption) {
    this.prompts = prompts;
    this.adoption = adoption;
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    String user = prompt.getUserMessage().getText();
    String useCase = first(USE_CASE, user).orElse("general");
    String rejected = tagged("rejected-draft", user).orElse(null);
    String feedback = tagged("reviewer-feedback", user).orElse(null);
    // Examples come best fit first, one per distinct answer; the one a reviewer just rejected is out.
    List<AdoptionRule.Candidate> examples = EXAMPLE.matcher(user).results()
        .map(m -> new AdoptionRule.Candidate(m.group(3).strip(), Double.parseDouble(m.group(1)),
            m.group(2).isEmpty() ? Double.NaN : Double.parseDouble(m.group(2))))
        .filter(c -> !Objects.equals(c.answer(), rejected))
        .toList();
    AdoptionRule.Verdict verdict = adoption.decide(examples);
    String text = verdict.adopted() ? verdict.answer() : fallback(useCase, feedback);
    return new ChatResponse(List.of(new Generation(new AssistantMessage(text))),
        ChatResponseMetadata.builder().model(MODEL_NAME).build());
  }

  /** Does not echo the input: it may hold personal data, and the reviewer sees it anyway. */
  private String fallback(String useCase, String feedback) {
    String note = feedback == null ? "" : "Reviewer feedback this draft must address: " + feedback;
    return prompts.render(FALLBACK_TEMPLATE, "fallback",
        Map.of("useCase", useCase, "feedbackNote", note)).strip();
  }

  private static Optional<String> tagged(String tag, String text) {
    int start = text.indexOf("<" + tag + ">");
    int end = text.lastIndexOf("</" + tag + ">");
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    return Optional.of(text.substring(start + tag.length() + 2, end).strip());
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }
}
