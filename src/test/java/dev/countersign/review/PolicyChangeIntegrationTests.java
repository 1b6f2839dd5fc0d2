package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A compliance team changes review policy by deploying an edited routing table, alone, as Camunda
 * Modeler does; the next request follows it without touching the process or the code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext
class PolicyChangeIntegrationTests {

  private static final int PORT = TestHttp.freePort();
  private static final TestHttp http = new TestHttp(PORT);

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
  }

  @Test
  void editedRoutingTableDeployedAloneRoutesTheNextRequest() throws Exception {
    String before = submitAndAwaitReviewTaskGroup();
    assertThat(before).isEqualTo("reviewers");

    String table = Files.readString(Path.of("processes/review-routing.dmn"));
    String edited = table.replace("""
        <outputEntry id="OutputEntry_MediumRisk_Group"><text>"reviewers"</text></outputEntry>""", """
        <outputEntry id="OutputEntry_MediumRisk_Group"><text>"senior-reviewers"</text></outputEntry>""");
    assertThat(edited).as("the medium-risk row to edit").isNotEqualTo(table);
    TestHttp.Response deployed = http.deploy("review-routing.dmn", edited, "demo");
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

    assertThat(submitAndAwaitReviewTaskGroup()).isEqualTo("senior-reviewers");
    JsonNode decisions = http.get("/engine-rest/decision-definition?maxResults=10&key=" + LlmOutputReview.ROUTING_DECISION
        + "&sortBy=version&sortOrder=desc", "demo").json();
    assertThat(decisions.get(0).get("version").asInt()).isEqualTo(2);
    JsonNode autoApproval = http.get("/engine-rest/decision-definition?maxResults=10&key=" + LlmOutputReview.AUTO_APPROVAL_DECISION
        + "&latestVersion=true", "demo").json();
    assertThat(autoApproval.get(0).get("version").asInt()).as("both decisions live in the one file").isEqualTo(2);
  }

  private static String submitAndAwaitReviewTaskGroup() {
    String instance = http.post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "policy-drill", "input", "Can I change my plan?", "riskTier", "medium")))
        .json().get("processInstanceId").asText();
    String tasks = "/engine-rest/task?maxResults=10&processInstanceId=" + instance;
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(tasks, "demo").json().size() == 1);
    String taskId = http.get(tasks, "demo").json().get(0).get("id").asText();
    JsonNode links = http.get("/engine-rest/task/" + taskId + "/identity-links?type=candidate", "demo").json();
    return links.get(0).get("groupId").asText();
  }
}
