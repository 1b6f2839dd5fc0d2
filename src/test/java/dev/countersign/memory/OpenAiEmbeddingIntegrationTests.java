package dev.countersign.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.system.Roles;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * EMBEDDING_PROVIDER=openai: memory embeddings come from Spring AI's OpenAI embedding client, here
 * against WireMock speaking the embeddings API, while drafting stays offline. Vectors of another
 * embedding model already in the store are never compared with the new ones.
 */
class OpenAiEmbeddingIntegrationTests extends AppOverHttp {

  private static final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    openAi.start();
  }

  @DynamicPropertySource
  static void embeddings(DynamicPropertyRegistry registry) {
    registry.add("spring.ai.model.embedding", () -> "openai");
    registry.add("spring.ai.openai.base-url", openAi::baseUrl);
    registry.add("spring.ai.openai.api-key", () -> "test-key");
  }

  @AfterAll
  static void stopServer() {
    openAi.stop();
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;

  @Test
  void memoriesAreEmbeddedByTheConfiguredModelAndNeverMixedWithAnother() {
    // Every text gets the same three-dimensional vector: every memory in this space is a perfect match.
    openAi.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(embeddings(1)));
    // A decision's input and approved answer are embedded in one request.
    openAi.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.input[1]")).atPriority(1)
        .willReturn(embeddings(2)));
    // A MiniLM memory from before the switch, in the same use case, with a different answer.
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values ('old-minilm', 'none', 'billing', 'low', 'Old question', 'requester', current_timestamp)");
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reviewer, attempts, requested_at, decided_at, review_millis, input_embedding, embedding_space) "
        + "values ('old-minilm', 'billing', 'low', 'Old question', '[]', 'An answer from the MiniLM era.', 'APPROVED', "
        + "'approve', 'reviewer', 1, current_timestamp, current_timestamp, 1000, ?, 'minilm-l6-v2-q')",
        (Object) Vectors.toBytes(new float[384]));

    String answer = "Open Billing, then Invoices, and choose Download.";
    String firstId;
    // Memory never recalls the held-out split (one request in ten): decide again until this one is not in it.
    do {
      TestHttp.Response first = reviews.submit("requester", "billing", "Where is my invoice?", "low");
      String task = reviews.awaitTask(first.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);
      reviews.claim(task, "reviewer");
      assertThat(reviews.submitForm(task, "reviewer", Map.of("decision", "edit", "reason", "Steps", "draft", answer))
          .status()).isEqualTo(204);
      firstId = first.json().get("id").asText();
    } while (split.heldOut(firstId));
    assertThat(jdbc.queryForObject("select embedding_space from cs_feedback where request_id = ?", String.class, firstId))
        .isEqualTo("openai:text-embedding-3-small");
    assertThat(jdbc.queryForObject("select octet_length(input_embedding) from cs_feedback where request_id = ?",
        Integer.class, firstId)).isEqualTo(3 * 4);
    assertThat(jdbc.queryForObject("select octet_length(answer_embedding) from cs_feedback where request_id = ?",
        Integer.class, firstId)).isEqualTo(3 * 4);
    openAi.verify(postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing("Where is my invoice?"))
        .withRequestBody(containing(answer)));

    TestHttp.Response second = reviews.submit("requester", "billing", "Where do I find my invoice?", "low");
    reviews.awaitTask(second.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);
    String secondId = second.json().get("id").asText();
    assertThat(jdbc.queryForObject("select draft_text from cs_review_draft where request_id = ?", String.class, secondId))
        .isEqualTo(answer);
    assertThat(jdbc.queryForObject("select memories_json from cs_review_draft where request_id = ?", String.class,
        secondId)).contains(firstId).doesNotContain("old-minilm");
  }

  /** The API's answer with {@code count} vectors, all the same. */
  private static ResponseDefinitionBuilder embeddings(int count) {
    List<Map<String, Object>> data = IntStream.range(0, count)
        .mapToObj(i -> Map.<String, Object>of("object", "embedding", "index", i, "embedding", List.of(0.6, 0.0, 0.8)))
        .toList();
    return okJson(TestHttp.json(Map.of("object", "list", "data", data, "model", "text-embedding-3-small",
        "usage", Map.of("prompt_tokens", 5, "total_tokens", 5))));
  }
}
