package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.TestHttp;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.promotion.ModelChampions;
import dev.countersign.promotion.PromptChampions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production profile on a real PostgreSQL server: Flyway's schema, the engine's, and a full
 * review through the API and /engine-rest. .ci/run installs PostgreSQL; on a machine without its
 * server binaries this class is reported as skipped, with the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"test", "postgres"})
@PostgresInstalled
class PostgresProfileIntegrationTests {

  private static final int PORT = TestHttp.freePort();

  @RegisterExtension
  static final PostgresForClass postgres = PostgresForClass.fast();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    postgres.start(registry);
    registry.add("server.port", () -> PORT);
    registry.add("countersign.identity.demo-users", () -> "true");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired ModelCandidates candidates;
  @Autowired ModelChampions models;
  @Autowired PromptChampions prompts;

  @Test
  void championsAreSeatedAndRolledBackOnPostgres() {
    ModelCandidate first = candidates.create("pg-champions", ModelCandidates.MEMORY_SNAPSHOT, "offline", null,
        Instant.now(), 3, null, null, "owner");
    ModelCandidate second = candidates.create("pg-champions", ModelCandidates.MEMORY_SNAPSHOT, "offline", null,
        Instant.now(), 4, null, null, "owner");
    models.promote(first, "owner");
    models.promote(second, "owner");
    models.rollback("pg-champions", "owner");
    assertThat(models.current("pg-champions")).map(ModelCandidate::id).contains(first.id());
    assertThat(models.find("pg-champions")).get().extracting(champion -> champion.previous().id())
        .isEqualTo(second.id());

    prompts.promote("pg-champions", "draft-v1", "owner");
    prompts.rollback("pg-champions", "owner");
    assertThat(prompts.find("pg-champions")).get().extracting(PromptChampions.Champion::previousVersion)
        .isEqualTo("draft-v1");
  }

  @Test
  void reviewRunsEndToEndOnPostgres() {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    TestHttp http = new TestHttp(PORT);
    String id = http.post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "billing", "input", "Why was I charged twice?", "riskTier", "medium")))
        .json().get("id").asText();
    String tasks = "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + id;
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(tasks, "reviewer").json().size() == 1);
    String taskId = http.get(tasks, "reviewer").json().get(0).get("id").asText();

    http.post("/engine-rest/task/" + taskId + "/claim", "reviewer", "{\"userId\":\"reviewer\"}");
    TestHttp.Response done = http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer",
        "{\"variables\":{\"decision\":{\"value\":\"edit\"},\"reason\":{\"value\":\"Facts\"},\"draft\":{\"value\":\"We refunded it.\"}}}");

    assertThat(done.status()).as(done.body()).isEqualTo(204);
    JsonNode review = http.get("/api/reviews/" + id, "requester").json();
    assertThat(review.get("status").asText()).isEqualTo("APPROVED");
    assertThat(review.get("finalOutput").asText()).isEqualTo("We refunded it.");
    assertThat(jdbc.queryForObject("select octet_length(input_embedding) from cs_feedback where request_id = ?",
        Integer.class, id)).isEqualTo(384 * 4);
  }
}
