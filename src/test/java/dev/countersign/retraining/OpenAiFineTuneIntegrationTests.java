package dev.countersign.retraining;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.countersign.AppOverHttp;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.promotion.CandidatePromotion;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.system.Roles;
import dev.countersign.system.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * model-retraining with the OpenAI fine-tuning backend against a WireMock server speaking that API
 * (and the chat API, for drafting and evaluation): the real engine, workers, HTTP client and
 * timers. The job is followed until it has a model id, a person promotes it, and drafting then asks
 * for that model; a job the provider fails is an incident with the provider's reason.
 */
class OpenAiFineTuneIntegrationTests extends AppOverHttp {

  private static final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private static final String FINE_TUNED = "ft:gpt-4o-mini-2024-07-18:acme:cs-payroll:Ab12";

  static {
    openAi.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    FakeOpenAi.drafting(registry, openAi, "gpt-test");
    registry.add("countersign.retraining.backend", () -> "openai");
    registry.add("countersign.retraining.openai.base-url", openAi::baseUrl);
    registry.add("countersign.retraining.openai.api-key", () -> "fine-tune-key");
    registry.add("countersign.retraining.feedback-threshold", () -> 4);
    registry.add("countersign.retraining.min-examples", () -> 3);
    registry.add("countersign.retraining.poll-interval", () -> "PT1S");
    // Timers due in a second should not wait for an idle job executor's long sleep.
    registry.add("camunda.bpm.job-execution.max-wait", () -> 1000);
  }

  @AfterAll
  static void stopServer() {
    openAi.stop();
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @Autowired ApplicationEventPublisher events;
  @Autowired ModelCandidates candidates;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  @BeforeEach
  void stubChat() {
    openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("quality judge")).atPriority(1)
        .willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.8, \"rationale\": \"Clear\"}"))));
    openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
        .willReturn(okJson(FakeOpenAi.completion("Your payslip is under Documents."))));
  }

  @Test
  void aFineTunedModelIsFollowedToItsIdPromotedByAPersonAndThenDrafts() throws Exception {
    // The first upload is rate limited: Camunda retries it, nothing is lost.
    openAi.stubFor(post(urlEqualTo("/v1/files")).inScenario("upload").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"Rate limit reached\"}}"))
        .willSetStateTo("limited"));
    openAi.stubFor(post(urlEqualTo("/v1/files")).inScenario("upload").whenScenarioStateIs("limited")
        .willReturn(okJson("{\"id\":\"file-payroll\",\"object\":\"file\",\"purpose\":\"fine-tune\"}")));
    openAi.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs")).withRequestBody(containing("file-payroll"))
        .willReturn(okJson("{\"id\":\"ftjob-payroll\",\"object\":\"fine_tuning.job\",\"status\":\"validating_files\"}")));
    openAi.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/ftjob-payroll")).inScenario("job").whenScenarioStateIs(STARTED)
        .willReturn(okJson("{\"id\":\"ftjob-payroll\",\"status\":\"running\",\"fine_tuned_model\":null}"))
        .willSetStateTo("done"));
    openAi.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/ftjob-payroll")).inScenario("job").whenScenarioStateIs("done")
        .willReturn(okJson("{\"id\":\"ftjob-payroll\",\"status\":\"succeeded\",\"fine_tuned_model\":\"" + FINE_TUNED
            + "\"}")));
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    feedback.heldOut("payroll", "Where do I find my payslip?", "Your payslips are under Documents, then Pay.");
    feedback.approved("payroll", 4);

    events.publishEvent(TrainingFeedback.recorded("payroll"));
    ProcessInstance promotion = awaitPromotion("payroll");
    String retraining = runtime.createProcessInstanceQuery().subProcessInstanceId(promotion.getId()).singleResult().getId();
    ModelCandidate candidate = candidates.list("payroll", 1).get(0);
    String task = reviews.awaitTask(promotion.getId(), "owner", Roles.MODEL_OWNERS);

    assertThat(candidate.model()).isEqualTo(FINE_TUNED);
    assertThat(candidate.jobId()).isEqualTo("ftjob-payroll");
    assertThat(candidate.trainingExamples()).as("the held-out example is not trained on").isEqualTo(4);
    LoggedRequest upload = openAi.findAll(postRequestedFor(urlEqualTo("/v1/files"))).get(1);
    assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer fine-tune-key");
    String dataset = upload.getBodyAsString();
    assertThat(dataset).contains("name=\"purpose\"", "fine-tune", "\"messages\"", "Answer 3 for payroll")
        .doesNotContain("payslips are under Documents");
    Path file = Path.of(jdbc.queryForObject("select text_ from act_hi_varinst where name_ = 'datasetFile' "
        + "and proc_inst_id_ = ?", String.class, retraining));
    assertThat(Sha256.hex(Files.readString(file))).isEqualTo(candidate.datasetSha256());
    openAi.verify(postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini-2024-07-18")))
        .withRequestBody(matchingJsonPath("$.suffix", equalTo("cs-payroll"))));
    assertThat(openAi.findAll(getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/ftjob-payroll")))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(history.createHistoricExternalTaskLogQuery().activityIdIn(ModelRetraining.Elements.START_FINE_TUNE)
        .failureLog().list()).extracting(l -> l.getErrorMessage()).anyMatch(m -> m.contains("HTTP 429"));

    var figures = http.get("/engine-rest/task/" + task + "/form-variables", "owner").json();
    assertThat(figures.get("candidateDescription").get("value").asText()).contains(FINE_TUNED, "ftjob-payroll");
    assertThat(figures.get("championVersion").get("value").asText()).isEqualTo("configured model, live memory");
    assertThat(figures.get("heldOutExamples").get("value").asInt()).isEqualTo(1);
    assertThat(modelsOfDraftRequests()).as("the evaluation drafted with both").contains(FINE_TUNED, "gpt-test");

    reviews.claim(task, "owner");
    assertThat(reviews.submitForm(task, "owner", Map.of("decision", "approve", "reason", "Closer to approved answers"))
        .status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(20)).until(() -> runtime.createProcessInstanceQuery()
        .processInstanceId(retraining).count() == 0);
    assertThat(http.get("/api/models/champions", "owner").body()).contains(FINE_TUNED);

    openAi.resetRequests();
    String id = reviews.submit("requester", "payroll", "When is payday?", "low").json().get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/reviews/" + id, "requester").json()
        .path("currentDraft").has("model"));
    assertThat(modelsOfDraftRequests()).containsOnly(FINE_TUNED);

    TestHttp.Response rolledBack = http.post("/api/models/champions/payroll/rollback", "owner",
        TestHttp.json(Map.of("reason", "Drafts got longer")));
    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(rolledBack.json().get("model").asText()).isEqualTo("configured model");
    assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq", String.class,
        "model:" + candidate.name())).containsSubsequence("model.training-started", "model.trained", "task.completed",
        "model.promoted", "model.rolled-back");
  }

  @Test
  void aJobTheProviderFailsIsAnIncidentWithItsReason() {
    openAi.stubFor(post(urlEqualTo("/v1/files")).withRequestBody(containing("for failing"))
        .willReturn(okJson("{\"id\":\"file-failing\",\"object\":\"file\"}")));
    openAi.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs")).withRequestBody(containing("file-failing"))
        .willReturn(okJson("{\"id\":\"ftjob-failing\",\"status\":\"queued\"}")));
    openAi.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/ftjob-failing")).willReturn(okJson(
        "{\"id\":\"ftjob-failing\",\"status\":\"failed\",\"error\":{\"code\":\"invalid_training_file\","
            + "\"message\":\"Training file has 3 invalid lines\"}}")));
    new TrainingFeedback(jdbc, split).approved("failing", 4);

    events.publishEvent(TrainingFeedback.recorded("failing"));

    Incident incident = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createIncidentQuery()
        .activityId(ModelRetraining.Elements.CHECK_FINE_TUNE).list().stream().findFirst().orElse(null),
        i -> i != null);
    assertThat(incident.getIncidentMessage()).contains("ftjob-failing", "Training file has 3 invalid lines");
    ModelCandidate candidate = candidates.list("failing", 1).get(0);
    assertThat(candidate.status()).isEqualTo(ModelCandidates.Status.FAILED);
    assertThat(candidate.error()).contains("invalid lines");
    assertThat(http.get("/api/models?useCase=failing", "owner").body()).contains("FAILED", "invalid lines");
    assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ?", String.class,
        "model:" + candidate.name())).contains("model.training-failed");
    assertThat(http.get("/actuator/metrics/countersign.model.candidates?tag=backend:openai&tag=outcome:failed", "demo")
        .json().get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
  }

  private ProcessInstance awaitPromotion(String useCase) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(CandidatePromotion.PROCESS_KEY).variableValueEquals("useCase", useCase).list()
        .stream().findFirst().orElse(null), p -> p != null);
  }

  /** The model each drafting request (not the judge's) asked for. */
  private static List<String> modelsOfDraftRequests() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    return openAi.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).stream()
        .filter(r -> !r.getBodyAsString().contains("quality judge"))
        .map(r -> {
          try {
            return json.readTree(r.getBodyAsString()).path("model").asText();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).toList();
  }
}
