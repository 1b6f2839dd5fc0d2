package dev.countersign.request;

import static dev.countersign.review.LlmOutputReview.Variables.COMPLETION_TOKENS;
import static dev.countersign.review.LlmOutputReview.Variables.FINDINGS;
import static dev.countersign.review.LlmOutputReview.Variables.GENERATED_DRAFT;
import static dev.countersign.review.LlmOutputReview.Variables.MEMORIES_USED;
import static dev.countersign.review.LlmOutputReview.Variables.PROMPT_TOKENS;
import static dev.countersign.review.LlmOutputReview.Variables.USE_CASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.AppOverHttp;
import dev.countersign.NodeTool;
import dev.countersign.TestHttp;
import dev.countersign.system.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole loop over real HTTP on the default (offline) configuration: a requester submits, the
 * in-app workers draft and screen, a reviewer works the task through /engine-rest as the Tasklist
 * does, and the API reports the outcome.
 */
class ReviewLoopIntegrationTests extends AppOverHttp {



  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired TransactionTemplate transaction;

  @Test
  void reviewerEditsDraftAndApiShowsOutcome() {
    TestHttp.Response created = submit("billing", "Why was I charged twice this month?", "medium");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.raw().headers().firstValue("Location")).contains("/api/reviews/" + id);
    assertThat(created.json().get("status").asText()).isEqualTo("GENERATING");

    String taskId = awaitTask(created.json().get("processInstanceId").asText(), "reviewer");
    JsonNode form = http.get("/engine-rest/task/" + taskId + "/deployed-form", "reviewer").json();
    assertThat(form.get("id").asText()).isEqualTo("review-draft");
    JsonNode variables = http.get("/engine-rest/task/" + taskId + "/form-variables", "reviewer").json();
    assertThat(variables.get("input").get("value").asText()).isEqualTo("Why was I charged twice this month?");
    assertThat(variables.get("draftModel").get("value").asText()).contains("not an LLM");
    assertThat(variables.get("promptVersion").get("value").asText()).isEqualTo("draft-v2");
    assertThat(variables.get("findingsSummary").get("value").asText()).isNotBlank();
    // What only the draft log reads reached it (the API's draft below) and was stored nowhere else.
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(created.json().get("processInstanceId")
        .asText()).variableNameIn(GENERATED_DRAFT, PROMPT_TOKENS, COMPLETION_TOKENS, MEMORIES_USED, FINDINGS).count())
        .isZero();

    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "reviewer", "{\"userId\":\"reviewer\"}").status()).isEqualTo(204);
    String edited = "We refunded the duplicate charge; it reaches your account within five working days.";
    TestHttp.Response completed = http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer", TestHttp.json(Map.of(
        "variables", Map.of("decision", Map.of("value", "edit"), "reason", Map.of("value", "Say what we did"),
            "draft", Map.of("value", edited), "rubricAccuracy", Map.of("value", 4, "type", "Long")))));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);

    JsonNode review = http.get("/api/reviews/" + id, "requester").json();
    assertThat(review.get("status").asText()).isEqualTo("APPROVED");
    assertThat(review.get("finalOutput").asText()).isEqualTo(edited);
    assertThat(review.get("requester").asText()).isEqualTo("requester");
    assertThat(review.get("attempts").asInt()).isEqualTo(1);
    assertThat(review.get("currentDraft").get("screening").get("findings").isArray()).isTrue();
    JsonNode decision = review.get("decisions").get(0);
    assertThat(decision.get("reviewer").asText()).isEqualTo("reviewer");
    assertThat(decision.get("decision").asText()).isEqualTo("edit");
    assertThat(decision.get("reason").asText()).isEqualTo("Say what we did");
    assertThat(decision.get("rubricJson").asText()).isEqualTo("{\"accuracy\":4}");
    assertThat(decision.get("decidedAt").asText()).isNotBlank();
  }

  /** A reviewer in the real Tasklist, in Debian's headless Chromium (installed by .ci/run). */
  @Test
  @EnabledIf(value = "chromiumInstalled", disabledReason = "No /usr/bin/chromium (Debian: apt-get install chromium); .ci/run installs it")
  void reviewerWorksTheTaskInTheTasklist() throws Exception {
    TestHttp.Response created = submit("billing", "How do I download last month's invoice?", "medium");
    String id = created.json().get("id").asText();
    String taskId = awaitTask(created.json().get("processInstanceId").asText(), "reviewer");
    String edited = "Open Billing, choose Invoices, then Download next to last month.";

    NodeTool browser = new NodeTool("tools/tasklist-e2e", "playwright-core");
    NodeTool.Result run = browser.run(List.of("node", "review-task.mjs", "http://localhost:" + PORT, "reviewer", taskId, edited), 180);

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode seen = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(seen.has("error")).as(run.output()).isFalse();
    assertThat(seen.get("fieldsShown").toString())
        .contains("How do I download last month's invoice?", "countersign-offline-retrieval (not an LLM)", "draft-v2",
            "- Judge: ", "by similarity-confidence (offline, not an LLM)");
    assertThat(seen.get("errorsOnRejectWithoutReason").toString()).contains("Field is required.");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> "APPROVED".equals(http.get("/api/reviews/" + id, "requester").json().get("status").asText()));
    JsonNode review = http.get("/api/reviews/" + id, "requester").json();
    assertThat(review.get("finalOutput").asText()).isEqualTo(edited);
    assertThat(review.get("decisions")).hasSize(1);
    assertThat(review.get("decisions").get(0).get("reviewer").asText()).isEqualTo("reviewer");
    assertThat(review.get("decisions").get(0).get("decision").asText()).isEqualTo("edit");
  }

  /**
   * In the real Tasklist, the second reviewer and then the reviewer of the redraft each open a form
   * with no one else's decision, reason or scores in it, see the earlier decisions read-only with
   * who made them, and are credited with only what they submitted. The placeholder the offline
   * drafter writes for an unknown question is refused when approved as it is.
   */
  @Test
  @EnabledIf(value = "chromiumInstalled", disabledReason = "No /usr/bin/chromium (Debian: apt-get install chromium); .ci/run installs it")
  void secondReviewAndRedraftOpenWithNoOneElsesJudgmentInTheTasklist() throws Exception {
    TestHttp.Response created = submit("tasklist-judgments", "Can I close my account online?", "high");
    String id = created.json().get("id").asText();
    String processInstance = created.json().get("processInstanceId").asText();
    String first = awaitTask(processInstance, "reviewer");
    reviews.claim(first, "reviewer");
    String edited = "Yes: open Settings, then Account, then Close account.";
    assertThat(reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Name the steps",
        "draft", edited, "rubricAccuracy", 1)).status()).isEqualTo(204);
    NodeTool browser = new NodeTool("tools/tasklist-e2e", "playwright-core");
    Files.createDirectories(Path.of("target/screenshots"));

    String second = awaitTask(processInstance, "reviewer2");
    JsonNode secondSeen = tasklist(browser, "second-review", "reviewer2", second, "Say what happens to the balance",
        "target/screenshots/second-review.png");
    assertOpenedEmpty(secondSeen);
    assertThat(field(secondSeen, "Approved by")).isEqualTo("reviewer");
    assertThat(field(secondSeen, "Their reason")).isEqualTo("Name the steps");
    assertThat(field(secondSeen, "Their edits to the model's draft")).contains("{+Yes: open Settings,");

    String redraft = awaitTask(processInstance, "reviewer");
    JsonNode redraftSeen = tasklist(browser, "redraft", "reviewer", redraft, "Yes, once the balance is zero: "
        + "open Settings, then Account, then Close account.", "target/screenshots/redraft-review.png");
    assertOpenedEmpty(redraftSeen);
    assertThat(field(redraftSeen, "Earlier decisions on this request")).isEqualTo(
        "Draft 1, review: reviewer approved it with edits. Reason: Name the steps\n"
        + "Draft 1, second review: reviewer2 rejected it. Reason: Say what happens to the balance");
    assertThat(redraftSeen.get("refusal").asText()).contains("This draft is a placeholder");

    String confirm = awaitTask(processInstance, "reviewer2");
    reviews.claim(confirm, "reviewer2");
    assertThat(reviews.submitForm(confirm, "reviewer2", Map.of("decision", "approve")).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> "APPROVED".equals(http.get("/api/reviews/" + id, "requester").json().get("status").asText()));
    assertThat(jdbc.queryForList("select reviewer || ':' || decision || ':' || coalesce(reason, '-') || ':' || "
        + "coalesce(rubric_json, '-') from cs_review_decision where request_id = ? order by id", String.class, id))
        .containsExactly("reviewer:edit:Name the steps:{\"accuracy\":1}",
            "reviewer2:reject:Say what happens to the balance:-", "reviewer:edit:Wrote the reply:-",
            "reviewer2:approve:-:-");
  }

  private static JsonNode tasklist(NodeTool browser, String step, String user, String taskId, String text,
      String screenshot) throws Exception {
    NodeTool.Result run = browser.run(List.of("env", "SCREENSHOT=" + Path.of(screenshot).toAbsolutePath(), "node",
        "judgments.mjs", "http://localhost:" + PORT, step, user, taskId, text), 180);
    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode seen = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(seen.has("error")).as(run.output()).isFalse();
    assertThat(seen.get("completed").asBoolean()).as(run.output()).isTrue();
    return seen;
  }

  /** No decision ticked, no score, and a reason field that is empty when it appears. */
  private static void assertOpenedEmpty(JsonNode seen) {
    for (JsonNode field : seen.get("opened")) {
      assertThat(field.get("ticked")).as("ticked in '%s'", field.get("label").asText()).isEmpty();
      if (field.get("label").asText().matches("(Accuracy|Clarity|Safety) .*")) {
        assertThat(field.get("value").asText("")).as(field.get("label").asText()).isEmpty();
      }
    }
    assertThat(seen.get("reasonWhenShown").asText()).isEmpty();
  }

  private static String field(JsonNode seen, String labelStart) {
    for (JsonNode field : seen.get("opened")) {
      if (field.get("label").asText().startsWith(labelStart)) {
        return field.get("value").asText();
      }
    }
    throw new AssertionError("No field '" + labelStart + "' in " + seen.get("opened"));
  }

  static boolean chromiumInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/chromium"));
  }

  @Test
  void offlineDrafterReusesAnApprovedEditForASimilarRequest() {
    String approved = "Yes: online purchases can be returned within 30 days, free of charge, with the receipt.";
    String processInstance;
    // Memory never recalls the held-out split (one request in ten): decide again until this one is not in it.
    do {
      processInstance = submit("returns", "Can I return shoes I bought online?", "low").json()
          .get("processInstanceId").asText();
      String taskId = awaitTask(processInstance, "reviewer");
      http.post("/engine-rest/task/" + taskId + "/claim", "reviewer", "{\"userId\":\"reviewer\"}");
      http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer", TestHttp.json(Map.of("variables", Map.of(
          "decision", Map.of("value", "edit"), "reason", Map.of("value", "Policy"), "draft", Map.of("value", approved)))));
    } while (jdbc.queryForObject("select f.held_out from cs_feedback f join cs_review_request r on r.id = f.request_id "
        + "where r.process_instance_id = ?", Boolean.class, processInstance));

    TestHttp.Response similar = submit("returns", "Can I return shoes that I bought online?", "low");
    String id = similar.json().get("id").asText();
    awaitTask(similar.json().get("processInstanceId").asText(), "reviewer");

    JsonNode draft = http.get("/api/reviews/" + id, "requester").json().get("currentDraft");
    assertThat(draft.get("text").asText()).isEqualTo(approved);
    assertThat(draft.get("model").asText()).isEqualTo("countersign-offline-retrieval (not an LLM)");
    assertThat(draft.get("screening").get("judgeScore").asDouble()).isGreaterThan(0.8);
    String earlier = jdbc.queryForObject("select id from cs_review_request where process_instance_id = ?",
        String.class, processInstance);
    assertThat(jdbc.queryForObject("select memories_json from cs_review_draft where request_id = ?", String.class, id))
        .as("the draft records which memory it was written from").contains("\"kind\":\"approved\"", earlier);
    assertThat(http.get("/api/reviews/" + id + "/audit", "compliance").body()).contains("memories", earlier);
  }

  @Test
  void rejectionWithoutReasonIsRefusedAndTaskStaysOpen() {
    String processInstance = submit("billing", "Where is my invoice?", "medium").json().get("processInstanceId").asText();
    String taskId = awaitTask(processInstance, "reviewer");
    http.post("/engine-rest/task/" + taskId + "/claim", "reviewer", "{\"userId\":\"reviewer\"}");

    TestHttp.Response refused = http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer",
        "{\"variables\":{\"decision\":{\"value\":\"reject\"}}}");

    TestHttp.Response wrongType = http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer",
        "{\"variables\":{\"decision\":{\"value\":1}}}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("A rejection needs a reason");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body()).contains("Variable 'decision' must be a string, not Integer");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
  }

  @Test
  void rejectionRedraftsWithTheReviewersFeedback() {
    String processInstance = submit("billing", "Explain my bill", "medium").json().get("processInstanceId").asText();
    String taskId = awaitTask(processInstance, "reviewer");
    http.post("/engine-rest/task/" + taskId + "/claim", "reviewer", "{\"userId\":\"reviewer\"}");
    http.post("/engine-rest/task/" + taskId + "/submit-form", "reviewer",
        "{\"variables\":{\"decision\":{\"value\":\"reject\"},\"reason\":{\"value\":\"Mention the late fee\"}}}");

    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
        "select count(*) from cs_review_draft d join cs_review_request r on r.id = d.request_id where r.process_instance_id = ?",
        Integer.class, processInstance) == 2);
    String second = awaitTask(processInstance, "reviewer");
    assertThat(second).isNotEqualTo(taskId);
    JsonNode variables = http.get("/engine-rest/task/" + second + "/form-variables", "reviewer").json();
    assertThat(variables.get("draft").get("value").asText()).contains("Mention the late fee");
    assertThat(variables.get("attempt").get("value").asInt()).isEqualTo(2);
  }

  @Test
  void malformedRequestsGetAClearErrorAndCreateNothing() {
    // Its own use case: instances of the other tests may still be finishing while this one runs.
    String useCase = "malformed-" + UUID.randomUUID();

    TestHttp.Response broken = http.post("/api/reviews", "requester", "{\"useCase\": \"" + useCase + "\", \"input\": ");
    TestHttp.Response missing = http.post("/api/reviews", "requester", "{\"useCase\": \"" + useCase + "\"}");
    TestHttp.Response badTier = http.post("/api/reviews", "requester",
        "{\"useCase\": \"" + useCase + "\", \"input\": \"hi\", \"riskTier\": \"extreme\"}");
    TestHttp.Response oversized = submit(useCase, "x".repeat(20_001), "low");
    TestHttp.Response viaEngine = http.post("/engine-rest/process-definition/key/llm-output-review/start", "requester",
        "{\"variables\":{\"useCase\":{\"value\":\"" + useCase + "\"},\"riskTier\":{\"value\":\"low\"}}}");

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("detail").asText()).contains("not valid JSON");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("problems").toString()).contains("input is required", "riskTier must be one of");
    assertThat(badTier.status()).isEqualTo(400);
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.json().get("detail").asText()).contains("the limit is 20000");
    // A refusal by our start listener is a 400 through /engine-rest too (system.EngineRestRefusals).
    assertThat(viaEngine.status()).isEqualTo(400);
    assertThat(viaEngine.body()).contains("Invalid review request: input is required");
    assertThat(jdbc.queryForObject("select count(*) from cs_review_request where use_case = ?", Long.class, useCase))
        .isZero();
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals(USE_CASE, useCase).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery()
        .variableValueEquals(USE_CASE, useCase).count()).as("not even started and rolled back").isZero();
  }

  @Test
  void everyApiNeedsAValidLogin() {
    assertThat(http.get("/api/reviews/anything", null).status()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", null).status()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", "reviewer:wrong").status()).isEqualTo(401);
    assertThat(http.post("/api/reviews", null, "{}").status()).isEqualTo(401);
    assertThat(http.get("/api/reviews/does-not-exist", "requester").status()).isEqualTo(404);
  }

  @Test
  void apiIsDescribedAsOpenApi() {
    assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(401);
    JsonNode docs = http.get("/v3/api-docs", "reviewer").json();
    assertThat(docs.get("paths").has("/api/reviews")).isTrue();
    assertThat(docs.get("paths").has("/api/reviews/{id}")).isTrue();
    assertThat(docs.get("components").get("securitySchemes").get("basic").get("scheme").asText()).isEqualTo("basic");
  }

  @Test
  void feedbackCommitsOrRollsBackWithTheEngineState() {
    String processInstance = submit("billing", "Can I pay by card?", "medium").json().get("processInstanceId").asText();
    String taskId = awaitTask(processInstance, "reviewer");
    String requestId = runtime.createProcessInstanceQuery().processInstanceId(processInstance).singleResult().getBusinessKey();

    transaction.executeWithoutResult(status -> {
      tasks.claim(taskId, "reviewer");
      tasks.complete(taskId, Map.of("decision", "edit", "reason", "Wrote the reply", "draft", "Yes, by any card."));
      assertThat(feedbackRows(requestId)).as("written inside the engine's transaction").isEqualTo(1);
      status.setRollbackOnly();
    });

    assertThat(feedbackRows(requestId)).isZero();
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    assertThat(task).isNotNull();
    assertThat(task.getAssignee()).isNull();

    tasks.claim(taskId, "reviewer");
    tasks.complete(taskId, Map.of("decision", "edit", "reason", "Wrote the reply", "draft", "Yes, by any card."));
    assertThat(feedbackRows(requestId)).isEqualTo(1);
  }

  private int feedbackRows(String requestId) {
    return jdbc.queryForObject("select count(*) from cs_feedback where request_id = ?", Integer.class, requestId);
  }

  private static TestHttp.Response submit(String useCase, String input, String riskTier) {
    return reviews.submit("requester", useCase, input, riskTier);
  }

  private static String awaitTask(String processInstanceId, String user) {
    return reviews.awaitTask(processInstanceId, user, Roles.REVIEWERS);
  }
}
