package dev.countersign.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.TrainingFeedback;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.memory.Vectors;
import dev.countersign.review.LlmOutputReview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workers with LLM_PROVIDER=openai against a WireMock server speaking the OpenAI
 * chat-completions API: the real Spring AI client, the real HTTP, the real engine. Every failure
 * ends either in a retry that succeeds or in an incident; no instance is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext
class OpenAiWorkerIntegrationTests {

  private static final int PORT = TestHttp.freePort();
  private static final TestHttp http = new TestHttp(PORT);
  private static final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private static final String COMPLETIONS = FakeOpenAi.COMPLETIONS;

  static {
    openAi.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    FakeOpenAi.drafting(registry, openAi, "gpt-test");
  }

  @AfterAll
  static void stopServer() {
    openAi.stop();
  }

  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired PromptLibrary prompts;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired HistoryService history;
  @Autowired ExternalTaskService externalTasks;
  @Autowired RepositoryService repository;

  @BeforeEach
  void resetServer() {
    openAi.resetAll();
    openAi.stubFor(judgeCall().willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.42, \"rationale\": \"Fine but generic\"}"))));
  }

  @Test
  void similarEarlierDecisionsGoIntoThePromptAsExamplesAndTravelWithTheDraft() throws Exception {
    String earlier = UUID.randomUUID().toString();
    String question = "How do I change the email address on my account?";
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'earlier', 'support', 'medium', ?, 'requester', current_timestamp)", earlier, question);
    jdbc.update("insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version, created_at) "
        + "values (?, 1, 'Email us your new address and password.', 'gpt-test', 'draft-v2', current_timestamp)", earlier);
    jdbc.update("insert into cs_review_decision (request_id, attempt, task_key, reviewer, decision, reason, decided_at) "
        + "values (?, 1, 'UserTask_ReviewDraft', 'reviewer', 'reject', 'Never ask for a password', current_timestamp)",
        earlier);
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reviewer, attempts, requested_at, decided_at, review_millis, input_embedding, embedding_space) "
        + "values (?, 'support', 'medium', ?, '[]', 'Open Profile, then Email, and confirm the link we send.', "
        + "'APPROVED', 'edit', 'reviewer', 2, current_timestamp, current_timestamp, 1000, ?, ?)",
        earlier, question,
        Vectors.toBytes(embeddings.embed(question)), space.name());
    TrainingFeedback.changed(jdbc, earlier);
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("Open Profile, then Email."))));

    String id = submit("How can I change my account's email address?");
    awaitReviewTask(id);

    openAi.verify(1, draftRequests()
        .withRequestBody(containing("<approved-answer>Open Profile, then Email, and confirm the link we send.</approved-answer>"))
        .withRequestBody(containing("<draft>Email us your new address and password.</draft>"))
        .withRequestBody(containing("<why>Never ask for a password</why>")));
    JsonNode used = new ObjectMapper().readTree(jdbc.queryForObject(
        "select memories_json from cs_review_draft where request_id = ?", String.class, id));
    assertThat(used).hasSize(2);
    assertThat(used.findValuesAsText("kind")).containsExactly("approved", "avoid");
    assertThat(used.findValuesAsText("requestId")).containsOnly(earlier);
    assertThat(used.get(0).get("similarity").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void draftsAndJudgesThroughTheOpenAiApi() {
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("You can reset it under Settings, then Security."))));

    String id = submit("How do I reset my password?");
    awaitReviewTask(id);

    JsonNode draft = review(id).get("currentDraft");
    assertThat(draft.get("text").asText()).isEqualTo("You can reset it under Settings, then Security.");
    assertThat(draft.get("model").asText()).isEqualTo("gpt-test-2026");
    assertThat(draft.get("promptVersion").asText()).isEqualTo("draft-v2");
    assertThat(draft.get("promptTokens").asInt()).isEqualTo(12);
    assertThat(draft.get("completionTokens").asInt()).isEqualTo(34);
    assertThat(draft.get("screening").get("judgeScore").asDouble()).isEqualTo(0.42);
    openAi.verify(1, draftRequests()
        .withHeader("Authorization", equalTo("Bearer test-key"))
        .withRequestBody(containing("How do I reset my password?"))
        .withRequestBody(containing("\"model\":\"gpt-test\"")));
  }

  /**
   * What the Modeler template's "Prompt version" sets on "Generate draft" pins that version instead
   * of the champion, and an unknown one is an incident. A requester who starts a review with a
   * variable of that name pins nothing: the prompt nobody approved is not used.
   */
  @Test
  void onlyTheModelPinsAPromptVersionAndAnUnknownOneIsAnIncident() throws IOException {
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("Settings, then Security."))));
    String version = prompts.createCandidate("draft-v2", FakeOpenAi.DRAFT_PROMPT + ". Answer as the Countersign pinning test.",
        null, "owner");

    TestHttp.Response started = http.post("/engine-rest/process-definition/key/llm-output-review/start", "requester",
        TestHttp.json(Map.of("variables", Map.of("useCase", Map.of("value", "account"),
            "input", Map.of("value", "How do I change my username?"), "riskTier", Map.of("value", "medium"),
            "pinnedPromptVersion", Map.of("value", version)))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String unpinned = started.json().get("businessKey").asText();
    awaitReviewTask(unpinned);
    assertThat(review(unpinned, "compliance").get("currentDraft").get("promptVersion").asText())
        .as("the champion, not the version the requester named").isNotEqualTo(version);

    String deployment = deployPinning(version);
    try {
      String pinned = start("How do I change my password?");
      awaitReviewTask(pinned);
      assertThat(review(pinned, "compliance").get("currentDraft").get("promptVersion").asText()).isEqualTo(version);
      openAi.verify(1, draftRequests().withRequestBody(containing("How do I change my password?"))
          .withRequestBody(containing("Answer as the Countersign pinning test.")));
    } finally {
      undeploy(deployment);
    }
    deployment = deployPinning("draft-v9");
    try {
      String unknown = start("How do I change my email?");
      assertThat(awaitIncident(unknown, "compliance").getIncidentMessage()).contains("No prompt template for draft-v9");
    } finally {
      undeploy(deployment);
    }
  }

  @Test
  void rateLimitIsRetriedByCamundaThenSucceeds() {
    openAi.stubFor(draftCall().inScenario("rate").whenScenarioStateIs(STARTED)
        .willReturn(error(429, "Rate limit reached for requests")).willSetStateTo("recovered"));
    openAi.stubFor(draftCall().inScenario("rate").whenScenarioStateIs("recovered")
        .willReturn(okJson(FakeOpenAi.completion("A draft after waiting."))));

    String id = submit("Rate limited question");
    awaitReviewTask(id);

    assertThat(review(id).get("currentDraft").get("text").asText()).isEqualTo("A draft after waiting.");
    assertThat(failures(id)).singleElement().satisfies(log -> assertThat(log.getErrorMessage()).contains("429"));
    openAi.verify(2, draftRequests());
  }

  @Test
  void serverErrorsEndInAnIncidentThatCanBeRetried() {
    openAi.stubFor(draftCall().willReturn(error(500, "The server had an error")));

    String id = submit("Question during an outage");
    Incident incident = awaitIncident(id);

    assertThat(incident.getActivityId()).isEqualTo(LlmOutputReview.Elements.GENERATE_DRAFT);
    assertThat(incident.getIncidentMessage()).contains("500");
    openAi.verify(3, draftRequests());
    JsonNode failures = http.get("/actuator/metrics/countersign.worker.task?tag=topic:llm-generate&tag=outcome:transient-failure", "demo").json();
    assertThat(failures.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(3);
    JsonNode seenByOperations = http.get("/engine-rest/incident?maxResults=10&processInstanceId=" + incident.getProcessInstanceId(), "demo").json();
    assertThat(seenByOperations).hasSize(1);
    assertThat(seenByOperations.get(0).get("activityId").asText()).isEqualTo(LlmOutputReview.Elements.GENERATE_DRAFT);
    assertThat(seenByOperations.get(0).get("incidentMessage").asText()).contains("HTTP 500");
    JsonNode view = review(id);
    assertThat(view.get("status").asText()).isEqualTo("GENERATING");
    assertThat(view.get("incidents").get(0).get("message").asText()).contains("500");

    // An operator retries from Cockpit once the provider is back.
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("Back online."))));
    externalTasks.setRetries(incident.getConfiguration(), 1);
    awaitReviewTask(id);
    assertThat(review(id).get("currentDraft").get("text").asText()).isEqualTo("Back online.");
  }

  @Test
  void readTimeoutIsRetried() {
    openAi.stubFor(draftCall().inScenario("slow").whenScenarioStateIs(STARTED)
        .willReturn(okJson(FakeOpenAi.completion("Too late.")).withFixedDelay(3_000)).willSetStateTo("fast"));
    openAi.stubFor(draftCall().inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(okJson(FakeOpenAi.completion("In time."))));

    String id = submit("Slow question");
    awaitReviewTask(id);

    assertThat(review(id).get("currentDraft").get("text").asText()).isEqualTo("In time.");
    assertThat(failures(id)).singleElement()
        .satisfies(log -> assertThat(log.getErrorMessage()).startsWith("Timed out waiting for the LLM"));
  }

  @Test
  void malformedResponseRaisesAnIncidentAtOnce() {
    openAi.stubFor(draftCall().willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"choices\": [ this is not json")));

    String id = submit("Question answered with garbage");
    Incident incident = awaitIncident(id);

    assertThat(incident.getIncidentMessage()).isNotBlank();
    openAi.verify(1, draftRequests());
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
  }

  @Test
  void badRequestRaisesAnIncidentAtOnce() {
    openAi.stubFor(draftCall().willReturn(error(400, "The model `gpt-test` does not exist")));

    String id = submit("Question for a missing model");
    Incident incident = awaitIncident(id);

    assertThat(incident.getIncidentMessage()).contains("400");
    openAi.verify(1, draftRequests());
  }

  @Test
  void emptyDraftRaisesAnIncident() {
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("   "))));

    String id = submit("Question answered with nothing");

    assertThat(awaitIncident(id).getIncidentMessage()).contains("empty draft");
  }

  @Test
  void unreadableJudgeVerdictSendsTheDraftToAPerson() {
    openAi.stubFor(draftCall().willReturn(okJson(FakeOpenAi.completion("A reasonable draft."))));
    openAi.stubFor(judgeCall().willReturn(okJson(FakeOpenAi.completion("Honestly it looks fine to me!"))));

    String id = submit("Question for a confused judge");
    awaitReviewTask(id);

    JsonNode screening = review(id).get("currentDraft").get("screening");
    assertThat(screening.get("judgeScore").isNull()).isTrue();
    assertThat(screening.get("findings").toString()).contains("JUDGE_UNAVAILABLE");
  }

  private static MappingBuilder draftCall() {
    return post(urlEqualTo(COMPLETIONS)).withRequestBody(containing(FakeOpenAi.DRAFT_PROMPT)).atPriority(2);
  }

  private static MappingBuilder judgeCall() {
    return post(urlEqualTo(COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT)).atPriority(1);
  }

  private static RequestPatternBuilder draftRequests() {
    return postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(containing(FakeOpenAi.DRAFT_PROMPT));
  }

  private static ResponseDefinitionBuilder error(int status, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(TestHttp.json(Map.of("error", Map.of("message", message, "type", "test"))));
  }

  private static String submit(String input) {
    TestHttp.Response created = http.post("/api/reviews", "requester",
        TestHttp.json(Map.of("useCase", "support", "input", input, "riskTier", "medium")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static JsonNode review(String id) {
    return review(id, "requester");
  }

  private static JsonNode review(String id, String user) {
    return http.get("/api/reviews/" + id, user).json();
  }

  /** llm-output-review with "Generate draft"'s "Prompt version" set, as the Modeler template sets it; the deployment. */
  private String deployPinning(String promptVersion) throws IOException {
    String model = Files.readString(Path.of("processes/llm-output-review.bpmn")).replace(
        "<camunda:inputParameter name=\"pinnedPromptVersion\" />",
        "<camunda:inputParameter name=\"pinnedPromptVersion\">" + promptVersion + "</camunda:inputParameter>");
    assertThat(model).contains(">" + promptVersion + "<");
    return repository.createDeployment().name("pinned " + promptVersion)
        .addString("llm-output-review.bpmn", model).deploy().getId();
  }

  /** With the instances left on it, which no listener needs to hear of: the next test drafts with the shipped model. */
  private void undeploy(String deployment) {
    repository.deleteDeployment(deployment, true, true);
  }

  private String start(String input) {
    return runtime.startProcessInstanceByKey(LlmOutputReview.PROCESS_KEY, Map.of(
        LlmOutputReview.Variables.USE_CASE, "account", LlmOutputReview.Variables.INPUT, input,
        LlmOutputReview.Variables.RISK_TIER, "medium")).getBusinessKey();
  }

  private static void awaitReviewTask(String id) {
    await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(review(id, "compliance").get("status").asText()));
  }

  private Incident awaitIncident(String id) {
    return awaitIncident(id, "requester");
  }

  private Incident awaitIncident(String id, String user) {
    String processInstanceId = review(id, user).get("processInstanceId").asText();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> runtime.createIncidentQuery().processInstanceId(processInstanceId).count() == 1);
    return runtime.createIncidentQuery().processInstanceId(processInstanceId).singleResult();
  }

  private List<HistoricExternalTaskLog> failures(String id) {
    return history.createHistoricExternalTaskLogQuery().processInstanceId(review(id).get("processInstanceId").asText())
        .failureLog().list();
  }
}
