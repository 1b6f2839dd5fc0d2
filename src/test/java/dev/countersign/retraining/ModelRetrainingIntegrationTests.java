package dev.countersign.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.promotion.CandidatePromotion;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The offline learning loop over HTTP: reviewers' approvals reach the feedback threshold,
 * model-retraining starts by itself, the memory-snapshot backend offers a snapshot, a model owner
 * promotes it, and drafting then recalls only what the snapshot holds until it is rolled back.
 */
class ModelRetrainingIntegrationTests extends AppOverHttp {

  private static final String USE_CASE = "snapshots";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("countersign.retraining.feedback-threshold", () -> 3);
    registry.add("countersign.retraining.min-examples", () -> 2);
    registry.add("camunda.bpm.job-execution.max-wait", () -> 1000);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @Autowired RuntimeService runtime;

  @Test
  void approvalsStartRetrainingAndAPromotedSnapshotPinsWhatDraftingRecalls() {
    new TrainingFeedback(jdbc, split).heldOut(USE_CASE, "How do I export my data?", "Settings, then Export data.");
    approveForTraining("How do I close my account?", "Write to support from your account's email address.");
    approveForTraining("Can I get a paper invoice?", "Yes: ask for it under Billing, then Invoices.");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ModelRetraining.PROCESS_KEY).count())
        .as("below the threshold").isZero();
    approveForTraining("Which currencies do you accept?", "Euro, pound and dollar.");

    ProcessInstance promotion = await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(CandidatePromotion.PROCESS_KEY).variableValueEquals("useCase", USE_CASE).list().stream()
        .findFirst().orElse(null), p -> p != null);
    String task = reviews.awaitTask(promotion.getId(), "owner", Roles.MODEL_OWNERS);
    JsonNode figures = http.get("/engine-rest/task/" + task + "/form-variables", "owner").json();
    assertThat(figures.get("candidateDescription").get("value").asText())
        .startsWith("few-shot memory snapshot of 3 approved examples");
    assertThat(figures.get("heldOutExamples").get("value").asInt()).as("ours, and any review that fell in the split")
        .isPositive();
    JsonNode models = http.get("/api/models?useCase=" + USE_CASE, "owner").json();
    assertThat(models.get(0).get("backend").asText()).isEqualTo("memory-snapshot");
    assertThat(models.get(0).get("status").asText()).isEqualTo("READY");
    assertThat(models.get(0).get("datasetSha256").asText()).hasSize(64);
    String candidate = "model-" + models.get(0).get("id").asText();

    reviews.claim(task, "owner");
    assertThat(reviews.submitForm(task, "owner", Map.of("decision", "approve", "reason", "Reviewed what it holds"))
        .status()).isEqualTo(204);
    assertThat(http.get("/api/models/champions", "owner").body()).contains(USE_CASE, "memory-snapshot");

    // Decided after the snapshot: live memory would reuse this answer; the pinned snapshot does not.
    String question = "Do you ship to Norway?";
    String answer = "Yes, within five working days.";
    approveForTraining(question, answer);
    JsonNode pinned = draftOf(question);
    assertThat(pinned.get("text").asText()).isNotEqualTo(answer);
    assertThat(pinned.get("model").asText()).endsWith("with memory " + candidate);

    TestHttp.Response rolledBack = http.post("/api/models/champions/" + USE_CASE + "/rollback", "owner",
        TestHttp.json(Map.of("reason", "Back to live memory")));
    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    JsonNode live = draftOf(question);
    assertThat(live.get("text").asText()).isEqualTo(answer);
    assertThat(live.get("model").asText()).doesNotContain("with memory");

    // The Norway answer is new since the snapshot: a model owner may retrain now, once at a time.
    String retrain = TestHttp.json(Map.of("useCase", USE_CASE));
    assertThat(http.post("/api/models/retraining", "reviewer", retrain).status()).isEqualTo(403);
    TestHttp.Response started = http.post("/api/models/retraining", "owner", retrain);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    TestHttp.Response again = http.post("/api/models/retraining", "owner", retrain);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already running");
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/models?useCase=" + USE_CASE, "owner").json()
        .size() == 2);
    assertThat(http.get("/api/models?useCase=" + USE_CASE, "owner").json().get(0).get("trainingExamples").asInt())
        .as("the snapshot's three and the Norway answer").isEqualTo(4);
    assertThat(http.post("/api/models/retraining", "owner", TestHttp.json(Map.of("useCase", "never-used"))).status())
        .isEqualTo(409);
  }

  /** A reviewer approves {@code answer}; repeated until the request falls outside the held-out split. */
  private void approveForTraining(String question, String answer) {
    while (true) {
      String id = reviews.submit("requester", USE_CASE, question, "low").json().get("id").asText();
      String process = http.get("/api/reviews/" + id, "requester").json().get("processInstanceId").asText();
      String task = reviews.awaitTask(process, "reviewer", Roles.REVIEWERS);
      reviews.claim(task, "reviewer");
      assertThat(reviews.submitForm(task, "reviewer", Map.of("decision", "edit", "reason", "Our answer",
          "draft", answer)).status()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
          "select held_out from cs_feedback where request_id = ?", Boolean.class, id).size() == 1);
      if (!split.heldOut(id)) {
        return;
      }
    }
  }

  private JsonNode draftOf(String question) {
    String id = reviews.submit("requester", USE_CASE, question, "low").json().get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        http.get("/api/reviews/" + id, "requester").json().path("currentDraft").has("text"));
    return http.get("/api/reviews/" + id, "requester").json().get("currentDraft");
  }
}
