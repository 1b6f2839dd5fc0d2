package dev.countersign.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** LLM_PROVIDER=ollama: the real Spring AI Ollama client against WireMock speaking Ollama's chat API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext
class OllamaWorkerIntegrationTests {

  private static final int PORT = TestHttp.freePort();
  private static final TestHttp http = new TestHttp(PORT);
  private static final WireMockServer ollama = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    ollama.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("spring.ai.model.chat", () -> "ollama");
    registry.add("spring.ai.ollama.base-url", ollama::baseUrl);
    registry.add("spring.ai.ollama.chat.options.model", () -> "llama-test");
  }

  @AfterAll
  static void stopServer() {
    ollama.stop();
  }

  @Test
  void draftsAndJudgesThroughOllama() {
    ollama.stubFor(post(urlEqualTo("/api/chat")).withRequestBody(containing("quality judge")).atPriority(1)
        .willReturn(okJson(chat("{\"score\": 0.77, \"rationale\": \"Clear\"}"))));
    ollama.stubFor(post(urlEqualTo("/api/chat")).withRequestBody(containing("You draft replies")).atPriority(2)
        .willReturn(okJson(chat("Open Settings and choose Reset password."))));

    TestHttp.Response created = http.post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "support", "input", "How do I reset my password?", "riskTier", "low")));
    String id = created.json().get("id").asText();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> "IN_REVIEW".equals(http.get("/api/reviews/" + id, "requester").json().get("status").asText()));

    JsonNode draft = http.get("/api/reviews/" + id, "requester").json().get("currentDraft");
    assertThat(draft.get("text").asText()).isEqualTo("Open Settings and choose Reset password.");
    assertThat(draft.get("model").asText()).isEqualTo("llama-test");
    assertThat(draft.get("promptTokens").asInt()).isEqualTo(21);
    assertThat(draft.get("completionTokens").asInt()).isEqualTo(9);
    assertThat(draft.get("screening").get("judgeScore").asDouble()).isEqualTo(0.77);
    ollama.verify(1, postRequestedFor(urlEqualTo("/api/chat"))
        .withRequestBody(containing("You draft replies")).withRequestBody(containing("\"model\":\"llama-test\""))
        .withRequestBody(containing("How do I reset my password?")));
    // Nothing is pulled: the model must already be on the Ollama server.
    ollama.verify(0, postRequestedFor(urlEqualTo("/api/pull")));
  }

  private static String chat(String content) {
    return TestHttp.json(Map.of("model", "llama-test", "created_at", "2026-11-25T00:00:00Z",
        "message", Map.of("role", "assistant", "content", content), "done", true, "done_reason", "stop",
        "prompt_eval_count", 21, "eval_count", 9, "total_duration", 1_000_000));
  }
}
