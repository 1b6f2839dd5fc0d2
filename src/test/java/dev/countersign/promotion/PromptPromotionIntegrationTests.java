package dev.countersign.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A model owner proposes a prompt over HTTP; the workers evaluate it on the held-out examples
 * against the champion; another model owner approves it in the Tasklist's form; drafting switches to
 * it; and it is rolled back.
 */
class PromptPromotionIntegrationTests extends AppOverHttp {

  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;

  @Test
  void aProposedPromptGoesLiveOnlyAfterEvaluationAndApprovalAndCanBeRolledBack() {
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    feedback.heldOut("promo", "How do I reset my password?", "Open Settings, then Security, then Reset password.");
    feedback.heldOut("promo", "Where is my invoice?", "Open Billing, then Invoices.");
    assertThat(http.post("/api/prompts", "reviewer", TestHttp.json(Map.of("useCase", "promo", "system", "x")))
        .status()).isEqualTo(403);
    assertThat(http.post("/api/prompts", "owner", TestHttp.json(Map.of("useCase", "promo", "user", "No input here")))
        .status()).isEqualTo(400);

    TestHttp.Response proposed = http.post("/api/prompts", "owner", TestHttp.json(Map.of("useCase", "promo",
        "system", "You draft short, plain replies that a human reviewer will check.")));
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    String version = proposed.json().get("version").asText();
    assertThat(version).as("numbered after the built-in draft-v1 and draft-v2").matches("draft-v([3-9]|[1-9][0-9]+)");
    String task = reviews.awaitTask(proposed.json().get("processInstanceId").asText(), "owner", Roles.MODEL_OWNERS);

    JsonNode figures = http.get("/engine-rest/task/" + task + "/form-variables", "owner").json();
    assertThat(figures.get("heldOutExamples").get("value").asInt()).isEqualTo(2);
    assertThat(figures.get("championVersion").get("value").asText()).isEqualTo("draft-v2");
    assertThat(figures.get("candidateSimilarity").get("value").asDouble()).isBetween(0.0, 1.0);
    assertThat(figures.get("championFindings").get("value").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(figures.get("candidateJudgeScore").get("value").isNumber()).as("the offline judge scores too").isTrue();
    assertThat(http.get("/engine-rest/task/" + task, "reviewer").status()).as("model owners' task only").isIn(403, 404);
    assertThat(draftPrompt("Can I change my plan?")).as("nothing live before approval").isEqualTo("draft-v2");

    reviews.claim(task, "owner");
    TestHttp.Response own = reviews.submitForm(task, "owner", Map.of("decision", "approve", "reason", "Mine"));
    assertThat(own.status()).isEqualTo(400);
    assertThat(own.body()).contains("owner proposed this candidate");
    TestHttp.Response disowned = reviews.submitForm(task, "owner", Map.of("decision", "approve", "reason", "Mine",
        "proposedBy", "someone-else"));
    assertThat(disowned.status()).as("the proposer is not a field of the form").isEqualTo(400);
    assertThat(disowned.body()).contains("'proposedBy' is not a field");
    TestHttp.Response swapped = reviews.submitForm(task, "owner", Map.of("decision", "approve", "reason", "Mine",
        "candidateVersion", "draft-v1"));
    assertThat(swapped.body()).as("a read-only field is dropped, and the proposer still refused")
        .contains("owner proposed this candidate");
    http.post("/engine-rest/task/" + task + "/assignee", "demo", TestHttp.json(Map.of("userId", "demo")));
    assertThat(reviews.submitForm(task, "demo", Map.of("decision", "approve", "reason", "Shorter, as reviewers edit to"))
        .status()).isEqualTo(204);

    assertThat(champion("promo")).isEqualTo(version);
    assertThat(draftPrompt("Can I change my plan, please?")).isEqualTo(version);

    TestHttp.Response rolledBack = http.post("/api/prompts/champions/promo/rollback", "owner",
        TestHttp.json(Map.of("reason", "Complaints about terse replies")));
    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(champion("promo")).isEqualTo("draft-v2");
    String trail = http.get("/api/oversight/audit/verify", "compliance").body();
    assertThat(trail).contains("\"valid\":true");
    assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq", String.class,
        CandidatePromotion.KEY_PREFIX + version)).contains("task.completed", "prompt.promoted", "prompt.rolled-back");
  }

  @Test
  void aModelOwnerCanAlsoProposeWithTheTasklistsStartForm() {
    String start = "/engine-rest/process-definition/key/" + CandidatePromotion.PROCESS_KEY + "/submit-form";
    TestHttp.Response started = http.post(start, "owner", TestHttp.json(Map.of("variables", Map.of(
        "useCase", Map.of("value", "form-drill"),
        "userText", Map.of("value", "Use case: {useCase}\n{examples}Answer in one sentence.\n<input>\n{input}\n</input>\n{revision}")))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String instance = started.json().get("id").asText();
    String businessKey = started.json().get("businessKey").asText();
    assertThat(businessKey).startsWith(CandidatePromotion.KEY_PREFIX + "draft-v");
    String version = businessKey.substring(CandidatePromotion.KEY_PREFIX.length());
    assertThat(jdbc.queryForMap("select created_by, status, system_text from cs_prompt_version where id = ?", version))
        .containsEntry("CREATED_BY", "owner").containsEntry("STATUS", "CANDIDATE").containsEntry("SYSTEM_TEXT", null);
    reviews.awaitTask(instance, "owner", Roles.MODEL_OWNERS);

    TestHttp.Response incomplete = http.post(start, "owner", TestHttp.json(Map.of("variables", Map.of(
        "useCase", Map.of("value", "form-drill"), "userText", Map.of("value", "No place for the request")))));
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.body()).contains("must contain {input}");
    assertThat(http.post(start, "reviewer", TestHttp.json(Map.of("variables", Map.of(
        "useCase", Map.of("value", "form-drill"), "systemText", Map.of("value", "x"))))).status()).isIn(403, 404);
  }

  private String champion(String useCase) {
    for (JsonNode champion : http.get("/api/prompts/champions", "owner").json()) {
      if (champion.get("useCase").asText().equals(useCase)) {
        return champion.get("promptVersion").asText();
      }
    }
    return null;
  }

  /** Submits a request in the use case and returns the prompt version its draft was written with. */
  private String draftPrompt(String input) {
    String id = reviews.submit("requester", "promo", input, "low").json().get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        http.get("/api/reviews/" + id, "requester").json().path("currentDraft").has("promptVersion"));
    return http.get("/api/reviews/" + id, "requester").json().get("currentDraft").get("promptVersion").asText();
  }
}
