package dev.countersign.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A labeling project over real HTTP, as its users work it: a model owner creates it and uploads 30
 * items (three gold), three annotators label every item through /engine-rest as the Tasklist does
 * with the deployed label-item form, a senior reviewer adjudicates where they disagreed, and the
 * owner reads the figures and exports the labels.
 */
@TestPropertySource(properties = "countersign.oversight.reviewers.min-gold-items=3")
class LabelingIntegrationTests extends AppOverHttp {

  private static final List<String> TOPICS = List.of("billing", "delivery", "account");
  private static final List<String> ANNOTATORS = List.of("reviewer", "reviewer2", "demo");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired JdbcTemplate jdbc;

  @Test
  void threeAnnotatorsLabelThirtyItemsAndDisagreementsAreAdjudicatedAndExported() throws Exception {
    TestHttp.Response invalid = http.post("/api/labeling/projects", "owner",
        TestHttp.json(Map.of("name", "Topics", "labels", List.of("billing"), "annotatorsPerItem", 11)));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("problems").toString()).contains("useCase is required", "question is required",
        "at least two labels", "annotatorsPerItem must be from 1 to 10");
    assertThat(http.post("/api/labeling/projects", "reviewer", TestHttp.json(project())).status()).isEqualTo(403);

    TestHttp.Response created = http.post("/api/labeling/projects", "owner", TestHttp.json(project()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String projectId = created.json().get("id").asText();

    TestHttp.Response bad = http.post("/api/labeling/projects/" + projectId + "/items", "owner", "application/x-ndjson",
        "{\"text\": \"Charged twice\"}\n{\"text\": \"Where is my parcel\", \"gold\": \"shipping\"}\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("line").asInt()).isEqualTo(2);
    assertThat(bad.json().get("detail").asText()).contains("Line 2", "'shipping' is not a label",
        "Nothing of this upload was kept");
    assertThat(items(projectId)).isZero();

    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      String topic = TOPICS.get(i % 3);
      lines.append(TestHttp.json(i < 27 ? Map.of("text", "Question " + i + " about " + topic, "meta", Map.of("n", i))
          : Map.of("text", "Question " + i + " about " + topic, "gold", topic))).append('\n');
    }
    TestHttp.Response uploaded = http.post("/api/labeling/projects/" + projectId + "/items", "owner",
        "application/x-ndjson", lines.toString());
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().get("items").asLong()).isEqualTo(30);
    assertThat(uploaded.json().get("gold").asLong()).isEqualTo(3);

    await().atMost(Duration.ofSeconds(60)).until(() -> progress(projectId).get("labeling").asInt() == 30);
    List<String> itemKeys = jdbc.queryForList(
        "select id from cs_labeling_item where project_id = ? order by id", Long.class, projectId).stream()
        .map(id -> DataLabeling.ITEM_KEY_PREFIX + id).toList();

    // Annotators disagree on every fifth item and on the last gold item: reviewer2 picks the next topic.
    int labeled = 0;
    for (String annotator : ANNOTATORS) {
      for (int i = 0; i < itemKeys.size(); i++) {
        String taskId = openTask(itemKeys.get(i), annotator);
        assertThat(http.post("/engine-rest/task/" + taskId + "/claim", annotator,
            TestHttp.json(Map.of("userId", annotator))).status()).isEqualTo(204);
        if (i == 0) {
          JsonNode form = http.get("/engine-rest/task/" + taskId + "/deployed-form", annotator).json();
          assertThat(form.get("id").asText()).isEqualTo("label-item");
          JsonNode variables = http.get("/engine-rest/task/" + taskId + "/form-variables", annotator).json();
          assertThat(variables.get("text").get("value").asText()).isEqualTo("Question 0 about billing");
          assertThat(variables.get("labelOptions").get("type").asText()).isEqualTo("Json");
          assertThat(variables.get("label").get("value").isNull()).as("no one sees another's label").isTrue();
          assertThat(variables.has("goldItem")).isFalse();
        }
        String topic = TOPICS.get(i % 3);
        boolean wrong = annotator.equals("reviewer2") && (i % 5 == 0 || i == 29);
        String label = wrong ? TOPICS.get((i + 1) % 3) : topic;
        TestHttp.Response done = http.post("/engine-rest/task/" + taskId + "/submit-form", annotator, TestHttp.json(
            Map.of("variables", Map.of("label", Map.of("value", label), "reason", Map.of("value", "mentions " + label)))));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        labeled++;
        if (annotator.equals("reviewer") && i == 0) {
          // The same person may not take a second label on one item.
          String another = openTask(itemKeys.get(0), "reviewer");
          TestHttp.Response refused = http.post("/engine-rest/task/" + another + "/claim", "reviewer",
              TestHttp.json(Map.of("userId", "reviewer")));
          assertThat(refused.status()).isBetween(400, 499);
          assertThat(refused.body()).contains("Distinct annotators: reviewer already labels");
        }
      }
    }
    assertThat(labeled).isEqualTo(90);

    // Items 0, 5, 10, 15, 20 and 25 are 2 of 3 at medium risk: adjudicated. Gold items (27-29) never are.
    await().atMost(Duration.ofSeconds(60)).until(() -> progress(projectId).get("inAdjudication").asInt() == 6
        && progress(projectId).get("done").asInt() == 24);
    for (int i : new int[] {0, 5, 10, 15, 20, 25}) {
      JsonNode task = http.get("/engine-rest/task?processInstanceBusinessKey=" + itemKeys.get(i)
          + "&taskDefinitionKey=UserTask_AdjudicateLabels&firstResult=0&maxResults=10", "senior").json().get(0);
      String taskId = task.get("id").asText();
      JsonNode variables = http.get("/engine-rest/task/" + taskId + "/form-variables", "senior").json();
      assertThat(variables.get("annotations").get("value").asText()).contains("reviewer2: ");
      assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "reviewer",
          TestHttp.json(Map.of("userId", "reviewer"))).status()).as("an annotator may not adjudicate").isBetween(400, 499);
      http.post("/engine-rest/task/" + taskId + "/claim", "senior", TestHttp.json(Map.of("userId", "senior")));
      TestHttp.Response decided = http.post("/engine-rest/task/" + taskId + "/submit-form", "senior", TestHttp.json(
          Map.of("variables", Map.of("label", Map.of("value", TOPICS.get(i % 3)),
              "reason", Map.of("value", "The question names it")))));
      assertThat(decided.status()).as(decided.body()).isEqualTo(204);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> progress(projectId).get("done").asInt() == 30);

    JsonNode listed = http.get("/api/labeling/projects", "compliance").json();
    assertThat(listed.findValuesAsText("id")).contains(projectId);
    assertThat(http.get("/api/labeling/projects", "reviewer").status()).as("annotators see tasks, not projects")
        .isEqualTo(403);
    JsonNode figures = http.get("/api/labeling/projects/" + projectId, "operator").json();
    assertThat(figures.get("adjudicated").asInt()).isEqualTo(6);
    JsonNode agreement = figures.get("agreement");
    assertThat(agreement.get("items").asInt()).isEqualTo(30);
    // Worked by hand: 23 items unanimous and 7 split 2 to 1, so P = (23 + 7/3) / 30 = 0.8444; the labels
    // fall almost evenly on the three topics, so Pe = 0.3336; kappa = (P - Pe) / (1 - Pe).
    assertThat(agreement.get("fleissKappa").asDouble()).isCloseTo(0.7666, within(0.0001));
    assertThat(agreement.get("alphaMetric").asText()).isEqualTo("nominal");
    assertThat(agreement.get("cohenKappa")).hasSize(3);
    Map<String, JsonNode> byAnnotator = new HashMap<>();
    figures.get("annotators").forEach(a -> byAnnotator.put(a.get("annotator").asText(), a));
    assertThat(byAnnotator.keySet()).containsExactlyInAnyOrderElementsOf(ANNOTATORS);
    assertThat(byAnnotator.get("reviewer").get("goldItems").asInt()).isEqualTo(3);
    assertThat(byAnnotator.get("reviewer").get("goldAccuracy").asDouble()).isEqualTo(1.0);
    assertThat(byAnnotator.get("reviewer2").get("goldAccuracy").asDouble()).isEqualTo(2 / 3.0);

    // Gold accuracy joins the reviewer signals; under the floor (80%, here on three gold items) is flagged.
    Map<String, JsonNode> signals = new HashMap<>();
    http.get("/api/oversight/reviewers", "compliance").json().forEach(s -> signals.put(s.get("reviewer").asText(), s));
    assertThat(signals.get("reviewer2").get("goldItems").asInt()).isEqualTo(3);
    assertThat(signals.get("reviewer2").get("reasons").toString()).contains("labeled 67% of 3 gold items right (floor 80%)");
    assertThat(signals.get("reviewer").get("flagged").asBoolean()).isFalse();
    assertThat(jdbc.queryForList("select details_json from cs_audit_event where chain = 'oversight' "
        + "and event_type = 'reviewer.flagged'", String.class)).anySatisfy(d -> assertThat(d).contains("reviewer2",
        "\"goldAccuracy\":0.6666"));

    TestHttp.Response jsonl = http.get("/api/labeling/projects/" + projectId + "/export?format=jsonl", "owner");
    assertThat(jsonl.status()).isEqualTo(200);
    List<JsonNode> exported = new ArrayList<>();
    for (String line : jsonl.body().strip().split("\n")) {
      exported.add(JSON.readTree(line));
    }
    assertThat(exported).hasSize(30);
    assertThat(exported).allSatisfy(item -> assertThat(item.get("annotations")).hasSize(3));
    assertThat(exported.get(0).get("label").asText()).isEqualTo("billing");
    assertThat(exported.get(0).get("agreement").asText()).isEqualTo("ADJUDICATED");
    assertThat(exported.get(0).get("adjudicatedBy").asText()).isEqualTo("senior");
    assertThat(exported.get(0).get("meta").get("n").asInt()).isZero();
    assertThat(exported.get(1).get("agreement").asText()).isEqualTo("UNANIMOUS");
    assertThat(exported.get(29).get("agreement").asText()).isEqualTo("GOLD");

    TestHttp.Response csv = http.get("/api/labeling/projects/" + projectId + "/export?format=csv", "owner");
    List<String> rows = csv.body().lines().toList();
    assertThat(rows).hasSize(31);
    assertThat(rows.get(0)).isEqualTo(String.join(",", LabelExport.CSV_COLUMNS));
    assertThat(rows.get(1)).startsWith(exported.get(0).get("id").asText() + ",Question 0 about billing,billing,ADJUDICATED");

    // The final labels serve as held-out examples when a prompt for the use case is evaluated (20 at most).
    TestHttp.Response proposed = http.post("/api/prompts", "owner", TestHttp.json(Map.of("useCase", "support",
        "system", "You name the topic of a support question in one word.")));
    String evaluation = reviews.awaitTask(proposed.json().get("processInstanceId").asText(), "owner",
        Roles.MODEL_OWNERS);
    assertThat(http.get("/engine-rest/task/" + evaluation + "/form-variables", "owner").json()
        .get("heldOutExamples").get("value").asInt()).isEqualTo(20);

    List<String> trail = jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq",
        String.class, itemKeys.get(0));
    assertThat(trail).containsSubsequence("labeling.item-started", "task.created", "labeling.label-given",
        "labeling.labels-assessed", "labeling.adjudicated", "labeling.item-labeled");
    assertThat(jdbc.queryForList("select event_type from cs_audit_event where chain = ? order by seq", String.class,
        DataLabeling.PROJECT_CHAIN_PREFIX + projectId))
        .containsExactly("labeling.project-created", "labeling.items-uploaded", "labeling.exported", "labeling.exported");
  }

  /** Both forms in the real Tasklist, in Debian's headless Chromium (installed by .ci/run), with several choices. */
  @Test
  @EnabledIf(value = "chromiumInstalled", disabledReason = "No /usr/bin/chromium (Debian: apt-get install chromium); .ci/run installs it")
  void annotatorsAndAnAdjudicatorWorkTheFormsInTheTasklist() throws Exception {
    TestHttp.Response created = http.post("/api/labeling/projects", "owner", TestHttp.json(Map.of("name", "Tags",
        "useCase", "support", "question", "Which topics does this message raise?", "labels", TOPICS,
        "multiLabel", true, "annotatorsPerItem", 2, "goldRate", 0)));
    String projectId = created.json().get("id").asText();
    http.post("/api/labeling/projects/" + projectId + "/items", "owner", "application/x-ndjson",
        "{\"text\": \"I was billed after closing my account\"}\n");
    await().atMost(Duration.ofSeconds(60)).until(() -> progress(projectId).get("labeling").asInt() == 1);
    String key = DataLabeling.ITEM_KEY_PREFIX
        + jdbc.queryForObject("select id from cs_labeling_item where project_id = ?", Long.class, projectId);

    JsonNode first = inTasklist("reviewer", openTask(key, "reviewer"), "billing,account", "Both are named");
    assertThat(first.get("optionsShown").toString()).isEqualTo("[\"billing\",\"delivery\",\"account\"]");
    assertThat(first.get("fieldsShown").toString()).contains("Which topics does this message raise?",
        "I was billed after closing my account");
    inTasklist("reviewer2", openTask(key, "reviewer2"), "billing", "About a charge");

    await().atMost(Duration.ofSeconds(30)).until(() -> progress(projectId).get("inAdjudication").asInt() == 1);
    String adjudication = http.get("/engine-rest/task?processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=UserTask_AdjudicateLabels&firstResult=0&maxResults=1", "senior").json().get(0)
        .get("id").asText();
    JsonNode decided = inTasklist("senior", adjudication, "billing,account", "The charge follows the closure");
    assertThat(decided.get("fieldsShown").toString()).contains("reviewer: billing, account (Both are named)",
        "reviewer2: billing (About a charge)");

    await().atMost(Duration.ofSeconds(30)).until(() -> progress(projectId).get("done").asInt() == 1);
    assertThat(jdbc.queryForMap("select final_json, agreement, adjudicated_by from cs_labeling_item where project_id = ?",
        projectId)).containsValues("[\"billing\",\"account\"]", "ADJUDICATED", "senior");
    assertThat(jdbc.queryForList("select label_json from cs_label l join cs_labeling_item i on i.id = l.item_id "
        + "where i.project_id = ? order by l.annotator", String.class, projectId))
        .containsExactly("[\"billing\",\"account\"]", "[\"billing\"]");
  }

  private static JsonNode inTasklist(String user, String taskId, String labels, String reason) throws Exception {
    NodeTool browser = new NodeTool("tools/tasklist-e2e", "playwright-core");
    NodeTool.Result run = browser.run(List.of("node", "label-task.mjs", "http://localhost:" + PORT, user, taskId,
        labels, reason), 180);
    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode seen = JSON.readTree(run.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(seen.has("error")).as(run.output()).isFalse();
    assertThat(seen.get("completed").asBoolean()).isTrue();
    return seen;
  }

  static boolean chromiumInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/chromium"));
  }

  private static Map<String, Object> project() {
    return Map.of("name", "Support topics", "useCase", "support", "question", "Which topic is this question about?",
        "labels", TOPICS, "annotatorsPerItem", 3, "group", "reviewers", "goldRate", 0.1, "riskTier", "medium",
        "evaluationExamples", true);
  }

  private long items(String projectId) {
    return jdbc.queryForObject("select count(*) from cs_labeling_item where project_id = ?", Long.class, projectId);
  }

  private static JsonNode progress(String projectId) {
    return http.get("/api/labeling/projects/" + projectId, "owner").json().get("progress");
  }

  /** An unclaimed labeling task of the item, as the annotator's Tasklist lists it. */
  private static String openTask(String businessKey, String annotator) {
    JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
        + "&taskDefinitionKey=UserTask_LabelItem&unassigned=true&firstResult=0&maxResults=10", annotator).json();
    assertThat(tasks.size()).as("open labeling tasks of %s for %s", businessKey, annotator).isPositive();
    return tasks.get(0).get("id").asText();
  }
}
