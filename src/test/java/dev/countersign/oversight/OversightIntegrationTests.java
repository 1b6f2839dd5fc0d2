package dev.countersign.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.Roles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Oversight over HTTP: the evidence trail of a real review as compliance exports it, then edited
 * behind the application's back by someone with database access; and the automation kill switch.
 */
class OversightIntegrationTests extends AppOverHttp {



  @Autowired JdbcTemplate jdbc;
  @Autowired AuditSealer sealer;
  @Autowired RepositoryService repository;
  @Autowired AuditTrail trail;

  @Test
  void sealersRunningAtOnceAllSucceedAndLeaveOneChain() throws Exception {
    ExecutorService sealers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 50; i++) {
          trail.append("sealing-race", "test.event", "compliance", AuditTrail.details("round", round, "i", i));
        }
        for (int sealer = 0; sealer < 4; sealer++) {
          runs.add(sealers.submit(this.sealer::sealPending));
        }
      }
      int sealed = 0;
      for (Future<Integer> run : runs) {
        sealed += run.get(1, TimeUnit.MINUTES);
      }
      // The app's scheduled sealer runs meanwhile and seals some of these (and other tests' entries), so
      // the count is no exact figure; the verified chain below shows each entry was sealed once.
      assertThat(sealed).as("entries sealed by these sealers").isPositive();
    } finally {
      sealers.shutdownNow();
    }
    JsonNode verify = http.get("/api/oversight/audit/verify", "compliance").json();
    assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
    assertThat(verify.get("unsealed").asLong()).isZero();
  }

  @Test
  void everyStepOfAReviewIsChainedAndExported() {
    String id = reviewedRequest("Why was I charged twice?");

    JsonNode export = http.get("/api/reviews/" + id + "/audit", "compliance").json();

    assertThat(export.get("verify").get("valid").asBoolean()).as(export.toString()).isTrue();
    assertThat(types(export)).containsExactly("request.received", "draft.generated", "draft.screened", "task.created",
        "task.claimed", "task.completed", "outcome.recorded");
    JsonNode entries = export.get("entries");
    assertThat(entries.get(0).get("actor").asText()).isEqualTo("requester");
    assertThat(entries.get(0).get("details").get("inputSha256").asText())
        .isEqualTo(AuditTrail.digest("Why was I charged twice?"));
    assertThat(entries.get(1).get("details").get("model").asText()).contains("not an LLM");
    assertThat(entries.get(1).get("details").get("promptVersion").asText()).isEqualTo("draft-v2");
    assertThat(entries.get(3).get("details").get("candidateGroups").asText()).isEqualTo("reviewers");
    assertThat(entries.get(4).get("actor").asText()).isEqualTo("reviewer");
    JsonNode completed = entries.get(5).get("details");
    assertThat(completed.get("by").asText()).isEqualTo("reviewer");
    assertThat(completed.get("decision").asText()).isEqualTo("edit");
    assertThat(completed.get("reason").asText()).isEqualTo("Say what we did");
    assertThat(completed.get("rubric").get("accuracy").asInt()).isEqualTo(4);
    assertThat(entries.get(6).get("details").get("outcome").asText()).isEqualTo("APPROVED");
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).get("prevHash").asText()).isEqualTo(entries.get(i - 1).get("hash").asText());
    }
    assertThat(http.get("/api/oversight/audit/verify", "compliance").json().get("valid").asBoolean()).isTrue();
  }

  @Test
  void onlyComplianceAdminsAndTheRequesterMayReadATrail() {
    String id = reviewedRequest("Can I pay in instalments?");
    assertThat(http.get("/api/reviews/" + id + "/audit", "requester").status()).isEqualTo(200);
    assertThat(http.get("/api/reviews/" + id + "/audit", "demo").status()).isEqualTo(200);
    assertThat(http.get("/api/reviews/" + id + "/audit", "reviewer").status()).isEqualTo(404);
    assertThat(http.get("/api/reviews/" + id + "/audit", null).status()).isEqualTo(401);
    assertThat(http.get("/api/oversight/audit/verify", "reviewer").status()).isEqualTo(403);
    assertThat(http.get("/api/reviews/no-such-request/audit", "compliance").status()).isEqualTo(404);
  }

  @Test
  void anEditMadeInTheDatabaseIsDetected() {
    String id = reviewedRequest("Where is my refund?");
    sealer.sealPending();

    forging(id, () -> {
      int changed = jdbc.update("update cs_audit_event set details_json = replace(details_json, '\"edit\"', '\"approve\"') "
          + "where chain = ? and event_type = 'task.completed'", id);
      assertThat(changed).isEqualTo(1);

      JsonNode verify = http.get("/api/reviews/" + id + "/audit", "compliance").json().get("verify");
      assertThat(verify.get("valid").asBoolean()).isFalse();
      assertThat(verify.get("problems").toString()).contains("task.completed", "content does not match its hash");
      JsonNode global = http.get("/api/oversight/audit/verify", "compliance").json();
      assertThat(global.get("valid").asBoolean()).isFalse();
    });
  }

  @Test
  void aRewrittenChainIsCaughtByItsGlobalSeals() {
    String id = reviewedRequest("Is my data shared?");
    sealer.sealPending();
    String before = http.get("/api/reviews/" + id + "/audit", "compliance").body();
    assertThat(before).contains("\"valid\":true");

    forging(id, () -> {
      // A forger who also recomputes the request's chain from the edited entry on.
      List<Map<String, Object>> rows = jdbc.queryForList(
          "select id, seq, event_type, actor, occurred_at, details_json from cs_audit_event where chain = ? order by seq", id);
      String prev = AuditHashes.GENESIS;
      for (Map<String, Object> row : rows) {
        String details = ((String) row.get("details_json")).replace("\"edit\"", "\"approve\"");
        JsonNode entry = http.get("/api/reviews/" + id + "/audit", "compliance").json().get("entries")
            .get(((Number) row.get("seq")).intValue() - 1);
        String hash = AuditHashes.entry(id, ((Number) row.get("seq")).intValue(), (String) row.get("event_type"),
            (String) row.get("actor"), java.time.Instant.parse(entry.get("occurredAt").asText()), details, prev);
        jdbc.update("update cs_audit_event set details_json = ?, prev_hash = ?, entry_hash = ? where id = ?",
            details, prev, hash, row.get("id"));
        prev = hash;
      }

      JsonNode verify = http.get("/api/reviews/" + id + "/audit", "compliance").json().get("verify");
      assertThat(verify.get("valid").asBoolean()).isFalse();
      assertThat(verify.get("problems").toString()).contains("does not match its global seal")
          .doesNotContain("content does not match its hash");
    });
  }

  /**
   * Runs a forgery against one request's chain, then puts its rows back as they were: the global
   * chain is shared with the other tests of this class, which verify it.
   */
  private void forging(String chain, Runnable forgery) {
    List<Map<String, Object>> original = jdbc.queryForList(
        "select id, details_json, prev_hash, entry_hash from cs_audit_event where chain = ?", chain);
    try {
      forgery.run();
    } finally {
      for (Map<String, Object> row : original) {
        jdbc.update("update cs_audit_event set details_json = ?, prev_hash = ?, entry_hash = ? where id = ?",
            row.get("details_json"), row.get("prev_hash"), row.get("entry_hash"), row.get("id"));
      }
    }
    assertThat(http.get("/api/oversight/audit/verify", "compliance").json().get("valid").asBoolean())
        .as("the chain as it was before the forgery").isTrue();
  }

  @Test
  void onlyComplianceMayHaltAutomationAndEveryChangeIsAudited() {
    String halt = TestHttp.json(Map.of("halted", true, "reason", "Model incident under investigation"));
    assertThat(http.put("/api/oversight/automation", "reviewer", halt).status()).isEqualTo(403);
    assertThat(http.put("/api/oversight/automation", null, halt).status()).isEqualTo(401);
    assertThat(http.put("/api/oversight/automation", "compliance", "{\"halted\": true}").status()).isEqualTo(400);
    TestHttp.Response tooLong = http.put("/api/oversight/automation", "compliance",
        TestHttp.json(Map.of("halted", true, "reason", "x".repeat(2_001))));
    assertThat(tooLong.status()).as("a reason is not a document, nor one huge log line").isEqualTo(400);
    assertThat(tooLong.body()).contains("2000 characters");
    assertThat(http.get("/api/oversight/automation", "compliance").json().get("halted").asBoolean()).isFalse();

    TestHttp.Response halted = http.put("/api/oversight/automation", "compliance", halt);
    assertThat(halted.status()).as(halted.body()).isEqualTo(200);
    assertThat(halted.json().get("halted").asBoolean()).isTrue();
    assertThat(halted.json().get("changedBy").asText()).isEqualTo("compliance");
    TestHttp.Response resumed = http.put("/api/oversight/automation", "compliance",
        TestHttp.json(Map.of("halted", false, "reason", "Fixed")));
    assertThat(resumed.json().get("halted").asBoolean()).isFalse();

    // Only the switch's entries: reviewer flags share the chain and may be written at any time.
    List<Map<String, Object>> trail = jdbc.queryForList("select event_type, actor, details_json from cs_audit_event "
        + "where chain = 'oversight' and event_type like 'automation.%' order by seq");
    assertThat(trail).extracting(row -> row.get("event_type")).containsSubsequence("automation.halted", "automation.resumed");
    assertThat(trail.get(trail.size() - 2).get("details_json").toString()).contains("Model incident under investigation");
    assertThat(trail.get(trail.size() - 1).get("actor")).isEqualTo("compliance");
  }

  @Test
  void aProcessThatForgetsSoonerThanThePolicyCannotBeDeployed() {
    BpmnModelInstance forgetful = Bpmn.createExecutableProcess("forgetful-review").camundaHistoryTimeToLive(30)
        .startEvent().endEvent().done();
    assertThatThrownBy(() -> repository.createDeployment().addModelInstance("forgetful-review.bpmn", forgetful).deploy())
        .hasMessageContaining("keeps its history 30 days; Countersign's record-keeping policy needs at least 180");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("forgetful-review").count()).isZero();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(LlmOutputReview.PROCESS_KEY).latestVersion()
        .singleResult().getHistoryTimeToLive()).isGreaterThanOrEqualTo(180);
  }

  @Test
  void aRubberStampReviewerIsFlaggedOnceAndTheFlagIsAudited() {
    String request = UUID.randomUUID().toString();
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', 'billing', 'low', 'x', 'requester', current_timestamp)", request);
    Instant now = Instant.now();
    for (int i = 0; i < 25; i++) {
      decision(request, "stamp", "approve", now.minusSeconds(2), now);
      decision(request, "careful", i % 3 == 0 ? "edit" : "approve", now.minusSeconds(120), now);
    }
    assertThat(http.get("/api/oversight/reviewers", "reviewer").status()).isEqualTo(403);

    JsonNode signals = http.get("/api/oversight/reviewers", "compliance").json();
    JsonNode stamp = find(signals, "stamp");
    assertThat(stamp.get("flagged").asBoolean()).isTrue();
    assertThat(stamp.get("acceptWithoutEditRate").asDouble()).isEqualTo(1.0);
    assertThat(stamp.get("reasons").toString()).contains("without an edit", "under 5 s", "median time on task");
    assertThat(find(signals, "careful").get("flagged").asBoolean()).isFalse();

    http.get("/api/oversight/reviewers", "compliance");
    assertThat(jdbc.queryForObject("select count(*) from cs_audit_event where chain = 'oversight' "
        + "and event_type = 'reviewer.flagged' and details_json like '%\"stamp\"%'", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from cs_reviewer_flag where reviewer = 'stamp' and cleared_at is null",
        Integer.class)).isEqualTo(1);
  }

  private void decision(String request, String reviewer, String decision, Instant claimed, Instant decided) {
    jdbc.update("insert into cs_review_decision (request_id, task_key, reviewer, decision, task_created_at, claimed_at, "
        + "decided_at) values (?, 'UserTask_ReviewDraft', ?, ?, ?, ?, ?)", request, reviewer, decision,
        Timestamp.from(claimed.minusSeconds(60)), Timestamp.from(claimed), Timestamp.from(decided));
  }

  private static JsonNode find(JsonNode signals, String reviewer) {
    for (JsonNode signal : signals) {
      if (signal.get("reviewer").asText().equals(reviewer)) {
        return signal;
      }
    }
    throw new AssertionError("No signals for " + reviewer + " in " + signals);
  }

  private String reviewedRequest(String input) {
    TestHttp.Response created = reviews.submit("requester", "billing", input, "medium");
    String id = created.json().get("id").asText();
    String taskId = reviews.awaitTask(created.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);
    assertThat(reviews.claim(taskId, "reviewer").status()).isEqualTo(204);
    TestHttp.Response done = reviews.submitForm(taskId, "reviewer", Map.of("decision", "edit",
        "reason", "Say what we did", "draft", "We refunded the duplicate charge.", "rubricAccuracy", 4));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    return id;
  }

  private static List<String> types(JsonNode export) {
    List<String> types = new ArrayList<>();
    export.get("entries").forEach(e -> types.add(e.get("type").asText()));
    return types;
  }
}
