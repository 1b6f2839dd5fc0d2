package dev.countersign;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What a WireMock server speaking the OpenAI chat-completions API answers. */
public final class FakeOpenAi {

  public static final String COMPLETIONS = "/v1/chat/completions";
  /** Words only the draft prompt contains, and only the judge's. */
  public static final String DRAFT_PROMPT = "You draft replies";
  public static final String JUDGE_PROMPT = "quality judge";

  private FakeOpenAi() {}

  /** Points the OpenAI chat provider at {@code server}, answering as {@code model}. */
  public static void drafting(DynamicPropertyRegistry registry, WireMockServer server, String model) {
    registry.add("spring.ai.model.chat", () -> "openai");
    registry.add("spring.ai.openai.base-url", server::baseUrl);
    registry.add("spring.ai.openai.api-key", () -> "test-key");
    registry.add("spring.ai.openai.chat.options.model", () -> model);
  }

  /** A chat completion whose only choice says {@code content}. */
  public static String completion(String content) {
    return TestHttp.json(Map.of(
        "id", "chatcmpl-test", "object", "chat.completion", "created", 1_767_000_000, "model", "gpt-test-2026",
        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
            "message", Map.of("role", "assistant", "content", content))),
        "usage", Map.of("prompt_tokens", 12, "completion_tokens", 34, "total_tokens", 46)));
  }
}
