package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
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
    HttpResponse<String> deployed = deploy("review-routing.dmn", edited, "demo");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

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

  /** The multipart upload Camunda Modeler sends to /engine-rest/deployment/create. */
  private static HttpResponse<String> deploy(String fileName, String content, String user) throws IOException, InterruptedException {
    String boundary = "countersign-" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nrouting policy change\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n"
        + "--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
