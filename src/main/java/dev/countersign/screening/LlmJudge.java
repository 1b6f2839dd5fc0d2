package dev.countersign.screening;

import dev.countersign.generation.PromptLibrary;
import dev.countersign.system.LlmFailures;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;

/**
 * LLM-as-judge. Transient failures propagate so Camunda retries; an answer that cannot be read as
 * a verdict yields no score, which routes the draft to a person rather than failing the instance.
 */
class LlmJudge implements DraftJudge {

  static final String PROMPT = "judge-v1";

  record Verdict(double score, String rationale) {}

  private final ChatClient chat;
  private final PromptLibrary prompts;

  LlmJudge(ChatClient chat, PromptLibrary prompts) {
    this.chat = chat;
    this.prompts = prompts;
  }

  @Override
  public JudgeScore judge(String useCase, String input, String draft) {
    Verdict verdict;
    try {
      verdict = chat.prompt()
          .system(prompts.render(PROMPT, "system", Map.of()))
          .user(prompts.render(PROMPT, "user", Map.of("useCase", useCase, "input", input, "draft", draft)))
          .call()
          .entity(Verdict.class);
    } catch (RuntimeException e) {
      if (LlmFailures.isTransient(e)) {
        throw e;
      }
      return new JudgeScore(null, "The judge's answer could not be used: " + e.getMessage(), PROMPT);
    }
    if (verdict == null) {
      return new JudgeScore(null, "The judge gave no verdict", PROMPT);
    }
    double score = Math.max(0, Math.min(1, verdict.score()));
    return new JudgeScore(score, verdict.rationale(), PROMPT);
  }
}
