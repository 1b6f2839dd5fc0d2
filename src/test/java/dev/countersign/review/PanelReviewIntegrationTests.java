package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A panel of three over real HTTP on the default (offline) configuration, as the routing table's
 * example sends use case {@code policy}: each reviewer works a seat through /engine-rest as the
 * Tasklist does, a divided panel goes to a senior reviewer, and compliance reads the agreement.
 */
class PanelReviewIntegrationTests extends AppOverHttp {

  private static final List<String> PANEL = List.of("reviewer", "reviewer2", "demo");

  @Test
  void aDividedPanelIsAdjudicatedAndAgreementIsReportedPerUseCase() {
    String divided = request("Can I return a sale item?");
    List<String> seats = seats(divided);
    assertThat(seats).hasSize(3);
    assertThat(reviews.claim(seats.get(0), "reviewer").status()).isEqualTo(204);
    TestHttp.Response second = reviews.claim(seats.get(1), "reviewer");
    assertThat(second.status()).as("one seat a person").isBetween(400, 499);
    assertThat(second.body()).contains("Distinct reviewers: reviewer already reviews this draft");
    for (int i = 1; i < 3; i++) {
      assertThat(reviews.claim(seats.get(i), PANEL.get(i)).status()).isEqualTo(204);
    }
    // The offline drafter's placeholder cannot be approved as it is: two seats write the same reply.
    String draft = "Sale items can be returned within 14 days, like any other item.";
    decide(seats.get(0), "reviewer", Map.of("decision", "approve", "draft", draft));
    decide(seats.get(1), "reviewer2", Map.of("decision", "reject", "reason", "Sale items are final"));
    JsonNode third = http.get("/engine-rest/task/" + seats.get(2) + "/form-variables", "demo").json();
    assertThat(third.get("decision").get("value").isNull()).as("no seat sees another's decision").isTrue();
    decide(seats.get(2), "demo", Map.of("decision", "approve", "draft", draft));

    String adjudication = reviews.awaitTask(divided, "senior", Roles.SENIOR_REVIEWERS);
    JsonNode variables = http.get("/engine-rest/task/" + adjudication + "/form-variables", "senior").json();
    assertThat(variables.get("panelDecisions").get("value").asText())
        .contains("reviewer: edit", "reviewer2: reject (Sale items are final)", "demo: edit");
    assertThat(reviews.claim(adjudication, "demo").status()).as("a panel member may not adjudicate").isBetween(400, 499);
    reviews.claim(adjudication, "senior");
    decide(adjudication, "senior", Map.of("decision", "approve", "draft", "Sale items are final sale.",
        "reason", "Policy 4.2"));
    await().atMost(Duration.ofSeconds(30)).until(() -> "APPROVED".equals(status(divided)));

    String agreed = request("Can I return an unopened item?");
    List<String> agreedSeats = seats(agreed);
    for (int i = 0; i < 3; i++) {
      reviews.claim(agreedSeats.get(i), PANEL.get(i));
      decide(agreedSeats.get(i), PANEL.get(i), Map.of("decision", "reject", "reason", "Give the 30-day window"));
    }
    // All rejected alike: the draft is written again with their reasons, and a new panel sits.
    await().atMost(Duration.ofSeconds(30)).until(() -> seats(agreed).size() == 3);

    JsonNode policy = http.get("/api/panels/agreement", "compliance").json().get(0);
    assertThat(policy.get("useCase").asText()).isEqualTo("policy");
    assertThat(policy.get("drafts").asInt()).isEqualTo(2);
    assertThat(policy.get("agreedShare").asDouble()).isEqualTo(0.5);
    assertThat(policy.get("decisions").get("cohenKappa")).hasSize(3);
    assertThat(http.get("/api/panels/agreement", "reviewer").status()).isEqualTo(403);
  }

  private String request(String input) {
    return reviews.submit("requester", "policy", input, "medium").json().get("processInstanceId").asText();
  }

  /** The open panel seats of a request, once its draft is screened. */
  private static List<String> seats(String processInstanceId) {
    String path = "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=UserTask_PanelReview&unassigned=true";
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path, "reviewer").json().size() == 3);
    return http.get(path, "reviewer").json().findValuesAsText("id");
  }

  private static void decide(String taskId, String user, Map<String, ?> form) {
    assertThat(reviews.submitForm(taskId, user, form).status()).isEqualTo(204);
  }

  private static String status(String processInstanceId) {
    String id = http.get("/engine-rest/process-instance/" + processInstanceId, "demo").json().path("businessKey").asText();
    if (id.isEmpty()) {
      id = http.get("/engine-rest/history/process-instance/" + processInstanceId, "demo").json().get("businessKey").asText();
    }
    return http.get("/api/reviews/" + id, "requester").json().get("status").asText();
  }
}
