package dev.countersign.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.countersign.AppOverHttp;
import dev.countersign.FakeOpenAi;
import dev.countersign.NodeTool;
import dev.countersign.TestHttp;
import dev.countersign.system.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations dashboard and a request's story after real reviews: drafts from the OpenAI
 * provider against a WireMock server (12 prompt and 34 completion tokens a call), decided through
 * the engine's REST API; then the figures over HTTP, who may see them, and both pages in a real
 * headless Chromium.
 */
class DashboardIntegrationTests extends AppOverHttp {

  private static final WireMockServer openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private static final String MODEL = "gpt-test-2026";
  private static final String DRAFT = "We refunded the second charge; it reaches your card within five days.";

  static {
    openAi.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    FakeOpenAi.drafting(registry, openAi, MODEL);
    // 1,000 and 2,000 a million tokens: 0.08 a draft, so the sums are easy to check.
    registry.add("countersign.dashboard.prices[0].model", () -> MODEL);
    registry.add("countersign.dashboard.prices[0].prompt-per-million", () -> "1000");
    registry.add("countersign.dashboard.prices[0].completion-per-million", () -> "2000");
    registry.add("countersign.dashboard.prices[1].model", () -> "some-other-model");
    registry.add("countersign.dashboard.prices[1].prompt-per-million", () -> "1");
    registry.add("countersign.dashboard.prices[1].completion-per-million", () -> "1");
  }

  private static final Map<String, String> requests = new HashMap<>();

  @BeforeAll
  static void reviewsDecided() {
    openAi.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.JUDGE_PROMPT))
        .atPriority(1).willReturn(okJson(FakeOpenAi.completion("{\"score\": 0.8, \"rationale\": \"Clear\"}"))));
    openAi.stubFor(post(urlEqualTo(FakeOpenAi.COMPLETIONS)).withRequestBody(containing(FakeOpenAi.DRAFT_PROMPT))
        .atPriority(2).willReturn(okJson(FakeOpenAi.completion(DRAFT))));
    requests.put("approved", decided("billing", "low", Map.of("decision", "approve")));
    requests.put("edited", decided("billing", "medium", Map.of("decision", "edit", "reason", "Say when exactly",
        "draft", "We refunded the second charge; it reaches your card by Friday.", "rubricAccuracy", 4)));
    requests.put("redrafted", decided("shipping", "medium", Map.of("decision", "reject", "reason", "Wrong topic"),
        Map.of("decision", "edit", "reason", "Name the carrier", "draft", "Your parcel left with DHL today; it reaches you within five days.",
            "rubricAccuracy", 3)));
  }

  @AfterAll
  static void stopServer() {
    openAi.stop();
  }

  /** A request of requester's, decided by reviewer in turn with each of {@code decisions}; returns its id. */
  @SafeVarargs
  private static String decided(String useCase, String riskTier, Map<String, ?>... decisions) {
    TestHttp.Response created = reviews.submit("requester", useCase, "Why was I charged twice for order 1042?", riskTier);
    String instance = created.json().get("processInstanceId").asText();
    for (Map<String, ?> decision : decisions) {
      String task = reviews.awaitTask(instance, "reviewer", Roles.REVIEWERS);
      assertThat(reviews.claim(task, "reviewer").status()).isEqualTo(204);
      TestHttp.Response done = reviews.submitForm(task, "reviewer", decision);
      assertThat(done.status()).as(done.body()).isEqualTo(204);
    }
    return created.json().get("id").asText();
  }

  @Test
  void theFiguresCountWhatWasDecided() {
    JsonNode figures = http.get("/api/dashboard/figures", "operator").json();

    Map<String, Long> byDecision = new HashMap<>();
    figures.get("decisionsPerHour").forEach(row ->
        byDecision.merge(row.get("useCase").asText() + ":" + row.get("decision").asText(), row.get("count").asLong(), Long::sum));
    assertThat(byDecision).containsExactlyInAnyOrderEntriesOf(Map.of("billing:approve", 1L, "billing:edit", 1L,
        "shipping:edit", 1L));
    Map<String, Long> tiers = new HashMap<>();
    figures.get("timeToDecision").forEach(tier -> {
      tiers.put(tier.get("riskTier").asText(), tier.get("decisions").asLong());
      assertThat(tier.get("p90Minutes").asDouble()).isGreaterThanOrEqualTo(tier.get("p50Minutes").asDouble());
    });
    assertThat(tiers).containsExactlyInAnyOrderEntriesOf(Map.of("low", 1L, "medium", 2L));

    Map<String, JsonNode> tokens = new HashMap<>();
    figures.get("tokens").forEach(row -> tokens.put(row.get("useCase").asText(), row));
    assertThat(tokens.get("billing").get("model").asText()).isEqualTo(MODEL);
    assertThat(tokens.get("billing").get("drafts").asLong()).isEqualTo(2);
    assertThat(tokens.get("billing").get("promptTokens").asLong()).isEqualTo(24);
    assertThat(tokens.get("billing").get("completionTokens").asLong()).isEqualTo(68);
    assertThat(tokens.get("billing").get("cost").decimalValue()).isEqualByComparingTo("0.16");
    assertThat(tokens.get("shipping").get("drafts").asLong()).as("a draft and its redraft").isEqualTo(2);

    JsonNode generate = stage(figures, "llm-generate", "success");
    assertThat(generate.get("calls").asLong()).isEqualTo(4);
    assertThat(generate.get("p95Millis").asDouble()).isGreaterThanOrEqualTo(generate.get("p50Millis").asDouble())
        .isPositive();
    assertThat(figures.get("automation").get("recent").get("decidedByPeople").asLong()).isEqualTo(3);
    assertThat(figures.get("automation").get("halted").asBoolean()).isFalse();
    assertThat(figures.get("incidents").get("open").asLong()).isZero();
    JsonNode reviewers = figures.get("queue").findParents("group").stream()
        .filter(q -> q.get("group").asText().equals(Roles.REVIEWERS)).findFirst().orElseThrow();
    assertThat(reviewers.get("underOneHour").asLong()).as("every review decided").isZero();
  }

  @Test
  void onlyOperationsComplianceAndAdministratorsSeeTheDashboard() {
    assertThat(http.get("/api/dashboard/figures", "reviewer").status()).isEqualTo(403);
    assertThat(http.get("/dashboard/", "reviewer").status()).isEqualTo(403);
    assertThat(http.get("/api/dashboard/figures", "requester").status()).isEqualTo(403);
    for (String user : List.of("operator", "compliance", "demo")) {
      assertThat(http.get("/api/dashboard/figures", user).status()).as(user).isEqualTo(200);
      TestHttp.Response page = http.get("/dashboard/", user);
      assertThat(page.status()).as(user).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    }
    assertThat(http.get("/api/dashboard/figures", null).status()).isEqualTo(401);
    TestHttp.Response anonymous = http.get("/dashboard/", null);
    assertThat(anonymous.status()).as("sent to the webapps' login").isEqualTo(302);
    assertThat(anonymous.header("Location")).endsWith("/camunda/app/welcome/default/#!/login");
  }

  @Test
  void aStoryIsReadByWhoeverMayReadTheRequest() {
    String id = requests.get("redrafted");
    assertThat(http.get("/api/reviews/" + id + "/story", "reviewer").status()).isEqualTo(404);
    assertThat(http.get("/api/reviews/" + id + "/story", "operator").status()).isEqualTo(404);
    assertThat(http.get("/api/reviews/" + id + "/story", "compliance").status()).isEqualTo(200);

    JsonNode story = http.get("/api/reviews/" + id + "/story", "requester").json();

    assertThat(story.get("diagramXml").asText()).contains("UserTask_ReviewDraft");
    List<String> steps = story.get("steps").findValuesAsText("activityId");
    assertThat(steps.stream().filter("ServiceTask_GenerateDraft"::equals)).as("drafted twice").hasSize(2);
    assertThat(steps.stream().filter("UserTask_ReviewDraft"::equals)).hasSize(2);
    assertThat(story.get("changes")).hasSize(2);
    JsonNode approved = story.get("changes").get(1);
    assertThat(approved.get("to").asText()).isEqualTo("Approved text");
    assertThat(approved.get("diff").findValuesAsText("op")).contains("SAME", "REMOVED", "ADDED");
    assertThat(story.get("trail").get("verify").get("valid").asBoolean()).isTrue();
    assertThat(story.get("review").get("decisions")).hasSize(2);
  }

  @Test
  @EnabledIf(value = "chromiumInstalled", disabledReason = "No /usr/bin/chromium (Debian: apt-get install chromium); .ci/run installs it")
  void bothPagesDrawTheirDataInABrowser() throws Exception {
    Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
    NodeTool browser = new NodeTool("tools/tasklist-e2e", "playwright-core");
    NodeTool.Result run = browser.run(List.of("node", "dashboard-check.mjs", "http://localhost:" + PORT,
        requests.get("redrafted"), screenshots.toAbsolutePath().toString()), 240);

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode seen = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(seen.has("error")).as(run.output()).isFalse();
    JsonNode drawn = seen.get("charts");
    assertThat(drawn.get("chart-throughput").asDouble()).as("decisions drawn").isEqualTo(3);
    assertThat(drawn.get("chart-time").asDouble()).as("p50 and p90 bars drawn").isGreaterThan(0);
    assertThat(drawn.get("chart-tokens").asDouble()).as("tokens drawn").isEqualTo(4 * (12 + 34));
    assertThat(drawn.get("chart-cost").asDouble()).isEqualTo(0.32, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(drawn.get("chart-llm-calls").asDouble()).as("generate and screen calls").isGreaterThanOrEqualTo(4);
    assertThat(drawn.get("chart-automation").asDouble()).isEqualTo(3);
    assertThat(seen.get("refreshes").asInt()).as("refreshed by itself").isGreaterThanOrEqualTo(2);
    assertThat(seen.get("welcomeLinksDashboard").asBoolean()).as("the welcome page links the dashboard").isTrue();
    assertThat(seen.get("storyMarkers").asInt()).as("steps marked on the diagram").isGreaterThanOrEqualTo(6);
    assertThat(seen.get("storyRepeatBadges").asInt()).as("the redraft loop counted").isGreaterThanOrEqualTo(1);
    assertThat(seen.get("storyDiffSpans").asInt()).as("removed and added words shown").isGreaterThanOrEqualTo(2);
    assertThat(seen.get("storyVerified").asText()).startsWith("Verified");
    assertThat(seen.get("reviewerDashboardStatus").asInt()).isEqualTo(403);
    assertThat(screenshots.resolve("dashboard.png")).exists();
    assertThat(screenshots.resolve("story.png")).exists();
  }

  private static JsonNode stage(JsonNode figures, String topic, String outcome) {
    for (JsonNode stage : figures.get("llm")) {
      if (stage.get("topic").asText().equals(topic) && stage.get("outcome").asText().equals(outcome)) {
        return stage;
      }
    }
    throw new AssertionError("no " + topic + "/" + outcome + " in " + figures.get("llm"));
  }

  static boolean chromiumInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/chromium"));
  }
}
