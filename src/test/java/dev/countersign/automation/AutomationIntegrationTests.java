package dev.countersign.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppOverHttp;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Earned autonomy end to end: reviews through the real pipeline (in-app workers, a model behind
 * WireMock speaking the OpenAI API) decided by a replayed reviewer who approves one use case's drafts
 * as they are and corrects another's; compliance approves the proposal that follows, and audits a
 * person overrules (a draft rejected, then the redraft approved) take it back. A model writes the
 * drafts because approving the offline drafter's placeholder is refused, and is no evidence.
 */
class AutomationIntegrationTests extends AppOverHttp {

  private static final String ROUTINE = "opening-hours";
  private static final String CORRECTED = "refund-terms";
  private static final int PER_USE_CASE = 205;
  private static final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    openAi.start();
    openAi.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT))
        .atPriority(1)
        // Under the auto-approval table's 0.9: once automated, every draft still reaches a person as an audit.
        .willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.5, \"rationale\": \"plausible\"}"))));
    openAi.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).atPriority(2)
        .willReturn(okJson(FakeOpenAi.completion("We are open on weekdays from nine to five."))));
  }

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    FakeOpenAi.drafting(registry, openAi, "gpt-test");
  }

  @AfterAll
  static void stopModel() {
    openAi.stop();
  }

  @Test
  void aUseCasePeopleApproveIsProposedApprovedAndDemotedWhenItsAuditsAreOverruled() throws Exception {
    submitAll(ROUTINE, PER_USE_CASE);
    submitAll(CORRECTED, PER_USE_CASE);
    decideAll(2 * PER_USE_CASE);

    assertThat(http.get("/api/automation/evidence", "reviewer").status()).isEqualTo(403);
    JsonNode routine = pair(ROUTINE);
    assertThat(routine.get("reviewMode").asText()).isEqualTo("SINGLE");
    assertThat(routine.at("/evidence/decisions").asInt()).isEqualTo(PER_USE_CASE);
    assertThat(routine.at("/evidence/wilsonLowerBound").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(routine.at("/evidence/reviewerMinutes").asDouble()).isPositive();
    JsonNode corrected = pair(CORRECTED);
    assertThat(corrected.at("/evidence/editedShare").asDouble()).isGreaterThan(0.2);
    assertThat(corrected.at("/evidence/medianEditDistance").asDouble()).isZero(); // most are approved as they are
    assertThat(corrected.at("/evidence/wilsonLowerBound").asDouble()).isLessThan(0.95);

    assertThat(http.post("/api/automation/review", "reviewer", "{}").status()).isEqualTo(403);
    assertThat(http.post("/api/automation/review", "compliance", "{}").status()).isEqualTo(202);
    String approval = awaitTask(AutomationReview.Elements.APPROVE_AUTOMATION);
    assertThat(openTasks(AutomationReview.Elements.APPROVE_AUTOMATION)).as("only the routine use case is proposed")
        .isEqualTo(1);
    assertThat(http.get("/engine-rest/task/" + approval + "/localVariables/evidence", "compliance").json()
        .get("value").asText()).contains(PER_USE_CASE + " decisions by people on " + ROUTINE + " / low");
    assertThat(reviews.submitForm(approval, "compliance", Map.of("decision", "approve",
        "reason", "One correction in 205")).status()).isEqualTo(204);
    assertThat(pair(ROUTINE).get("reviewMode").asText()).isEqualTo("AUTO");

    int overruled = 0;
    int submitted = 0;
    while (overruled < 3) {
      assertThat(submitted++).as("requests until three audits").isLessThan(80);
      String id = submit(ROUTINE, 1_000 + submitted);
      if (rejectFirstDraft(id)) {
        overruled++;
      }
    }

    String told = awaitTask(AutomationReview.Elements.REVIEW_DEMOTION);
    assertThat(http.get("/engine-rest/task/" + told + "/localVariables/evidence", "compliance").json().get("value")
        .asText()).contains("overruled the last 3 audited drafts in a row");
    assertThat(pair(ROUTINE).get("reviewMode").asText()).isEqualTo("SINGLE");
    JsonNode versions = http.get("/engine-rest/decision-definition?maxResults=10&key=review-routing"
        + "&sortBy=version&sortOrder=desc", "demo").json();
    assertThat(versions.get(0).get("version").asInt()).as("shipped, automated, demoted").isEqualTo(3);
    assertThat(http.get("/api/oversight/audit/verify", "compliance").json().get("valid").asBoolean()).isTrue();
    System.out.printf("[earned autonomy] %d reviews decided by people; after approval %d requests until 3 audits "
        + "overruled; demoted at once%n", 2 * PER_USE_CASE, submitted);
  }

  private static JsonNode pair(String useCase) {
    JsonNode all = http.get("/api/automation/evidence", "compliance").json();
    return StreamSupport.stream(all.spliterator(), false)
        .filter(p -> p.at("/evidence/useCase").asText().equals(useCase) && p.at("/evidence/riskTier").asText().equals("low"))
        .findFirst().orElseThrow();
  }

  private static void submitAll(String useCase, int count) throws InterruptedException {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int i = 0; i < count; i++) {
      int n = i;
      clients.execute(() -> submit(useCase, n));
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
  }

  private static String submit(String useCase, int n) {
    TestHttp.Response created = reviews.submit("requester", useCase, "Question " + n + " about " + useCase, "low");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  /** The replayed reviewer: approves the routine use case's drafts (one edit), corrects every fourth of the other's. */
  private static void decideAll(int expected) {
    String open = "/engine-rest/task?maxResults=50&unassigned=true&candidateGroup=" + Roles.REVIEWERS
        + "&taskDefinitionKey=" + LlmOutputReview.Elements.REVIEW_DRAFT;
    List<String> decided = new ArrayList<>();
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode task : http.get(open, "reviewer").json()) {
        String id = task.get("id").asText();
        String useCase = http.get("/engine-rest/task/" + id + "/variables/useCase", "reviewer").json().get("value").asText();
        boolean edit = ROUTINE.equals(useCase) ? decided.isEmpty() : decided.size() % 4 == 0;
        reviews.claim(id, "reviewer");
        TestHttp.Response done = reviews.submitForm(id, "reviewer", edit
            ? Map.of("decision", "edit", "reason", "Wording", "draft", "A corrected answer for " + useCase)
            : Map.of("decision", "approve", "reason", "Fine"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        decided.add(id);
      }
      return decided.size() >= expected;
    });
  }

  /** Rejects an audited request's first draft and approves the redraft: whether a person saw it at all. */
  private static boolean rejectFirstDraft(String id) {
    String path = "/engine-rest/task?maxResults=5&candidateGroup=" + Roles.REVIEWERS + "&processInstanceBusinessKey=" + id;
    boolean audited = false;
    while (true) {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
          Set.of("APPROVED", "REJECTED").contains(status(id)) || http.get(path, "reviewer").json().size() == 1);
      JsonNode tasks = http.get(path, "reviewer").json();
      if (tasks.size() == 0) {
        return audited;
      }
      String task = tasks.get(0).get("id").asText();
      reviews.claim(task, "reviewer");
      Map<String, String> decision = audited ? Map.of("decision", "approve", "reason", "Fine now")
          : Map.of("decision", "reject", "reason", "Wrong hours");
      assertThat(reviews.submitForm(task, "reviewer", decision).status()).isEqualTo(204);
      audited = true;
    }
  }

  private static String status(String id) {
    return http.get("/api/reviews/" + id, "requester").json().get("status").asText();
  }

  private static String awaitTask(String key) {
    String path = "/engine-rest/task?maxResults=5&candidateGroup=" + Roles.COMPLIANCE + "&taskDefinitionKey=" + key;
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> http.get(path, "compliance").json().size() >= 1);
    return http.get(path, "compliance").json().get(0).get("id").asText();
  }

  private static int openTasks(String key) {
    return http.get("/engine-rest/task/count?candidateGroup=" + Roles.COMPLIANCE + "&taskDefinitionKey=" + key,
        "compliance").json().get("count").asInt();
  }
}
