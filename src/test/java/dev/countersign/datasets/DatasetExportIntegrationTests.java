package dev.countersign.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.generation.PromptLibrary;
import dev.countersign.system.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each dataset format, line by line, as a model owner downloads it over HTTP. */
class DatasetExportIntegrationTests extends AppOverHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DECIDED = Instant.parse("2026-11-20T10:00:00Z");

  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @Autowired PromptLibrary prompts;
  @Autowired DatasetExporter exporter;

  private String heldOutRequest;

  @BeforeEach
  void feedback() {
    jdbc.update("delete from cs_feedback");
    jdbc.update("delete from cs_review_request");
    // An edited answer whose first draft was rejected, and the same example decided again.
    feedback(trainingId(), "billing", "Why was I charged twice?", "We refunded the duplicate charge.",
        "APPROVED", "draft-v1", List.of("You were not charged twice.", "We refunded the charge."));
    feedback(trainingId(), "billing", "Why was I charged twice?", "We refunded the duplicate charge.",
        "APPROVED", "draft-v1", List.of("You were not charged twice.", "We refunded the charge."));
    // Approved as drafted: training data, but no preference pair.
    feedback(trainingId(), "returns", "Can I return shoes?", "Yes, within 30 days.", "APPROVED",
        "draft-v1", List.of("Yes, within 30 days."));
    // Rejected for good: no approved text, so nothing to learn to produce.
    feedback(trainingId(), "billing", "Give me legal advice", null, "REJECTED", "draft-v1",
        List.of("Here is some legal advice."));
    // Drafted with a prompt version whose template no longer exists.
    feedback(trainingId(), "billing", "When is my bill due?", "On the 5th of each month.", "APPROVED",
        "draft-v9", List.of("Soon."));
    heldOutRequest = heldOutId();
    feedback(heldOutRequest, "billing", "Held out question", "Held out answer.", "APPROVED", "draft-v1",
        List.of("Held out draft."));
  }

  @Test
  void openAiSftHasOneChatPerApprovedExample() throws Exception {
    List<JsonNode> lines = lines(http.get("/api/datasets/openai-sft", "owner"));

    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      assertThat(fieldNames(line)).containsExactly("messages");
      assertThat(line.get("messages")).hasSize(3);
      assertThat(line.get("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant");
      line.get("messages").forEach(m -> assertThat(fieldNames(m)).containsExactly("role", "content"));
      assertThat(line.get("messages").get(0).get("content").asText()).contains("human reviewer will check");
    }
    assertThat(lines).extracting(l -> l.get("messages").get(2).get("content").asText())
        .containsExactlyInAnyOrder("We refunded the duplicate charge.", "Yes, within 30 days.", "On the 5th of each month.");
    assertThat(lines.toString()).doesNotContain("Held out", "legal advice");
    // Exactly what the template renders for the row, however the export fills it in.
    assertThat(lines).anySatisfy(l -> assertThat(l.get("messages").get(1).get("content").asText())
        .isEqualTo(prompts.render("draft-v1", "user", Map.of("useCase", "billing", "input", "Why was I charged twice?",
            "revision", "", "examples", ""))));
  }

  @Test
  void openAiPreferencePairsTheApprovedTextWithEveryDraftItReplaced() throws Exception {
    List<JsonNode> lines = lines(http.get("/api/datasets/openai-preference", "owner"));

    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      assertThat(fieldNames(line)).containsExactly("input", "preferred_output", "non_preferred_output");
      assertThat(fieldNames(line.get("input"))).containsExactly("messages");
      assertThat(line.get("input").get("messages").findValuesAsText("role")).containsExactly("system", "user");
      assertThat(line.get("preferred_output")).hasSize(1);
      assertThat(line.get("preferred_output").get(0).get("role").asText()).isEqualTo("assistant");
      assertThat(line.get("non_preferred_output")).hasSize(1);
      assertThat(line.get("non_preferred_output").get(0).get("role").asText()).isEqualTo("assistant");
    }
    assertThat(lines).extracting(l -> l.get("non_preferred_output").get(0).get("content").asText())
        .containsExactlyInAnyOrder("You were not charged twice.", "We refunded the charge.", "Soon.");
  }

  @Test
  void trlPreferenceHasPromptChosenAndRejected() throws Exception {
    List<JsonNode> lines = lines(http.get("/api/datasets/trl-preference?useCase=billing", "owner"));

    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      assertThat(fieldNames(line)).containsExactly("prompt", "chosen", "rejected");
      assertThat(line.get("prompt").asText()).contains("human reviewer will check", "<input>");
    }
    assertThat(lines).extracting(l -> l.get("chosen").asText()).contains("We refunded the duplicate charge.");
  }

  @Test
  void exportsAreFilteredDeterministicAndRecorded() throws Exception {
    TestHttp.Response first = http.get("/api/datasets/openai-sft?promptVersion=draft-v1", "owner");
    TestHttp.Response second = http.get("/api/datasets/openai-sft?promptVersion=draft-v1", "owner");
    assertThat(first.body()).isEqualTo(second.body());
    assertThat(lines(first)).hasSize(2);
    assertThat(first.raw().headers().firstValue("Content-Disposition")).get().asString().contains("openai-sft.jsonl");
    JsonNode recorded = http.get("/api/datasets/exports", "owner").json().get(0);
    assertThat(recorded.get("requestedBy").asText()).isEqualTo("owner");
    assertThat(recorded.get("status").asText()).isEqualTo("DONE");
    assertThat(recorded.get("lines").asLong()).isEqualTo(2);
    assertThat(recorded.get("bytes").asLong()).isEqualTo(first.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(recorded.get("filter").get("promptVersion").asText()).isEqualTo("draft-v1");
    assertThat(recorded.get("sha256").asText()).isEqualTo(Sha256.hex(first.body()));

    assertThat(lines(http.get("/api/datasets/openai-sft?useCase=returns", "owner"))).hasSize(1);
    assertThat(lines(http.get("/api/datasets/openai-sft?from=2026-11-21T00:00:00Z", "owner"))).isEmpty();
    assertThat(lines(http.get("/api/datasets/openai-sft?to=2026-11-21T00:00:00Z", "owner"))).hasSize(3);
  }

  @Test
  void theIndexGivesAnExportItsOrderSoNoRowIsSorted() {
    for (DatasetExporter.Filter filter : List.of(new DatasetExporter.Filter(null, null, null, null),
        new DatasetExporter.Filter("billing", DECIDED, DECIDED.plusSeconds(60), "draft-v1"))) {
      ExportRows.Query query = ExportRows.Query.of(filter, true);
      String plan = jdbc.queryForObject("explain " + query.sql(), String.class, query.args().toArray());
      assertThat(plan).as(query.sql()).contains("PUBLIC.CS_FEEDBACK_EXPORT", "/* index sorted */");
    }
  }

  @Test
  void theHeldOutSplitIsStableAndNeverExported() throws Exception {
    assertThat(split.heldOut(heldOutRequest)).isTrue();
    assertThat(jdbc.queryForObject("select held_out from cs_feedback where request_id = ?", Boolean.class,
        heldOutRequest)).as("backfilled by the first export").isNull();
    lines(http.get("/api/datasets/openai-sft", "owner"));
    assertThat(jdbc.queryForObject("select held_out from cs_feedback where request_id = ?", Boolean.class,
        heldOutRequest)).isTrue();
    long share = 0;
    for (int i = 0; i < 10_000; i++) {
      share += split.heldOut("request-" + i) ? 1 : 0;
    }
    assertThat(share).isBetween(900L, 1100L);
  }

  @Test
  void aSinkThatFailsEndsTheExportAsFailedAndStopsItsReader() {
    // More rows than the reader may read ahead, so it is waiting for the writer when the sink fails.
    List<Object[]> requests = new ArrayList<>();
    List<Object[]> decisions = new ArrayList<>();
    for (int i = 0; i < 3 * ExportRows.READ_AHEAD; i++) {
      String id = "bulk-" + i;
      requests.add(new Object[] {id, "Question " + i, Timestamp.from(DECIDED)});
      decisions.add(new Object[] {id, "Question " + i, "[]", "Answer " + i, Timestamp.from(DECIDED), Timestamp.from(DECIDED)});
    }
    jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
        + "requester, created_at) values (?, 'none', 'bulk', 'low', ?, 'requester', ?)", requests);
    jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
        + "outcome, decision, reviewer, prompt_version, attempts, requested_at, decided_at, review_millis) "
        + "values (?, 'bulk', 'low', ?, ?, ?, 'APPROVED', 'approve', 'reviewer', 'draft-v1', 1, ?, ?, 1000)", decisions);
    OutputStream failing = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("client went away");
      }
    };

    assertThatThrownBy(() -> exporter.export(DatasetFormat.OPENAI_SFT, new DatasetExporter.Filter(null, null, null,
        null), "owner", failing)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("client went away");

    Map<String, Object> recorded = jdbc.queryForMap("select id, status, line_count from cs_dataset_export "
        + "order by id desc fetch first 1 rows only");
    assertThat(recorded.get("status")).isEqualTo("FAILED");
    assertThat(recorded.get("line_count")).isEqualTo(0L);
    String reader = "dataset-export-" + recorded.get("id") + "-reader";
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain(reader);
  }

  @Test
  void onlyModelOwnersExportAndBadRequestsAreRefused() {
    assertThat(http.get("/api/datasets/openai-sft", "reviewer").status()).isEqualTo(403);
    assertThat(http.get("/api/datasets/openai-sft", null).status()).isEqualTo(401);
    assertThat(http.get("/api/datasets/exports", "compliance").status()).isEqualTo(403);
    TestHttp.Response unknown = http.get("/api/datasets/alpaca", "owner");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("openai-sft", "openai-preference", "trl-preference");
    assertThat(http.get("/api/datasets/openai-sft?from=yesterday", "owner").status()).isEqualTo(400);
  }

  private void feedback(String id, String useCase, String input, String finalText, String outcome, String prompt,
      List<String> drafts) {
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', ?, 'low', ?, 'requester', ?)", id, useCase, input, Timestamp.from(DECIDED));
    List<Map<String, Object>> draftRows = new ArrayList<>();
    drafts.forEach(text -> draftRows.add(Map.of("attempt", draftRows.size() + 1, "text", text)));
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
        + "outcome, decision, reviewer, prompt_version, attempts, requested_at, decided_at, review_millis) "
        + "values (?, ?, 'low', ?, ?, ?, ?, 'edit', 'reviewer', ?, ?, ?, ?, 1000)", id, useCase, input,
        TestHttp.json(draftRows), finalText, outcome, prompt, drafts.size(), Timestamp.from(DECIDED),
        Timestamp.from(DECIDED));
  }

  /** A fresh request id outside the held-out split. */
  private String trainingId() {
    while (true) {
      String id = UUID.randomUUID().toString();
      if (!split.heldOut(id)) {
        return id;
      }
    }
  }

  private String heldOutId() {
    for (int i = 0; ; i++) {
      String id = "held-out-" + i;
      if (split.heldOut(id)) {
        return id;
      }
    }
  }

  private static List<JsonNode> lines(TestHttp.Response response) throws Exception {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JSON.readTree(line));
      }
    }
    assertThat(response.body().isEmpty() || response.body().endsWith("\n")).isTrue();
    return lines;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
