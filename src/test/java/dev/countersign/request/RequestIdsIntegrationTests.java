package dev.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A request's id is the server's: a requester who starts a review through /engine-rest with a
 * business key naming another evidence chain ("oversight", a labeling item's) neither reads that
 * chain through /api/reviews nor appends to it.
 */
class RequestIdsIntegrationTests extends AppOverHttp {

  @Autowired JdbcTemplate jdbc;

  @Test
  void aClientsBusinessKeyNeverNamesARequestOrAnEvidenceChain() {
    assertThat(http.put("/api/oversight/automation", "compliance",
        "{\"halted\": true, \"reason\": \"Confidential: incident 7 under investigation\"}").status()).isEqualTo(200);

    for (String chain : new String[] {"oversight", "labeling-item:1"}) {
      TestHttp.Response started = http.post("/engine-rest/process-definition/key/llm-output-review/start", "requester",
          TestHttp.json(Map.of("businessKey", chain, "variables", Map.of(
              "useCase", Map.of("value", "billing"), "input", Map.of("value", "Why was I charged twice?"),
              "riskTier", Map.of("value", "low")))));
      assertThat(started.status()).as(started.body()).isEqualTo(200);
      String id = started.json().get("businessKey").asText();
      assertThat(id).isNotEqualTo(chain);
      assertThat(UUID.fromString(id)).as("the server's id").isNotNull();
      assertThat(http.get("/api/reviews/" + id, "requester").status()).as("the requester's own request").isEqualTo(200);

      TestHttp.Response chainRead = http.get("/api/reviews/" + chain + "/audit", "requester");
      assertThat(chainRead.status()).isEqualTo(404);
      assertThat(chainRead.body()).doesNotContain("Confidential");
      assertThat(jdbc.queryForObject("select count(*) from cs_audit_event where chain = ? and actor = 'requester'",
          Long.class, chain)).as("nothing of the requester's in " + chain).isZero();
    }
    JsonNode verified = http.get("/api/oversight/audit/verify", "compliance").json();
    assertThat(verified.get("valid").asBoolean()).isTrue();
  }
}
