package dev.countersign.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.AppOverHttp;
import dev.countersign.NodeTool;
import dev.countersign.TestHttp;
import dev.countersign.generation.Draft;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.screening.Finding;
import dev.countersign.screening.JudgeScore;
import dev.countersign.screening.Screening;
import dev.countersign.system.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * LLM output and user input are untrusted: a request and its draft full of XSS payloads (after
 * OWASP's filter-evasion cheat sheet, plus AngularJS template injection, since the Tasklist and
 * Cockpit are AngularJS apps) are opened in a real headless Chromium wherever a person sees them:
 * the Tasklist, Cockpit, the request's story page, the dashboard and our API.
 */
@TestPropertySource(properties = {
    "camunda.bpm.client.subscriptions.llm-generate.auto-open=false",
    "camunda.bpm.client.subscriptions.llm-screen.auto-open=false"})
@EnabledIf(value = "chromiumInstalled", disabledReason = "No /usr/bin/chromium (Debian: apt-get install chromium); .ci/run installs it")
class HostileContentIntegrationTests extends AppOverHttp {

  private static final String MARKER = "xss-probe";

  static final List<String> PAYLOADS = List.of(
      "<script>alert(1)</script>",
      "<IMG SRC=x onerror=\"alert(2)\">",
      "<svg/onload=alert(3)>",
      "\"><script>alert(4)</script>",
      "'><img src=x onerror=alert(5)>",
      "<IMG SRC=\"javascript:alert(6);\">",
      "<BODY ONLOAD=alert(7)>",
      "<iframe src=\"javascript:alert(8)\"></iframe>",
      "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#57;&#41;>",
      "<SCRIPT SRC=data:text/javascript,alert(10)></SCRIPT>",
      "<details open ontoggle=alert(11)>",
      "<input autofocus onfocus=alert(12)>",
      "</textarea><script>alert(13)</script><textarea>",
      "</textarea><img src=x onerror=alert(14)>",
      "{{constructor.constructor('alert(15)')()}}",
      "{{$on.constructor('alert(16)')()}}",
      "<div style=\"background:url(javascript:alert(17))\">",
      "<object data=\"javascript:alert(18)\"></object>",
      "<embed src=\"data:text/html,<script>alert(19)</script>\">",
      "<video><source onerror=\"alert(20)\"></video>",
      "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert(21);\">",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(22)>",
      "javascript:alert(23)//",
      "<a href=\"javascript:alert(24)\" id=\"xss-link\">click</a>",
      "<svg><animate onbegin=alert(25) attributeName=x dur=1s>");


  static boolean chromiumInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/chromium"));
  }

  @Autowired ExternalTaskService externalTasks;

  @Test
  void noPayloadRunsWhereAPersonSeesTheDraft() throws Exception {
    String hostile = MARKER + " " + String.join(" ", PAYLOADS);
    TestHttp.Response created = reviews.submit("requester", "billing", hostile, "medium");
    String instance = created.json().get("processInstanceId").asText();
    String requestId = created.json().get("id").asText();
    // The model's side of the wire is not what this test is about: its output is put in as a worker would.
    work(LlmOutputReview.Topics.GENERATE, new Draft(hostile, "<img src=x onerror=alert(26)>", "draft-v1", null, null,
        new CorrectionMemory.Recall(List.of(), List.of())).variables());
    work(LlmOutputReview.Topics.SCREEN, new Screening(List.of(new Finding(Finding.Kind.POLICY_TERM, hostile)),
        new JudgeScore(0.5, hostile, "test-judge")).variables());
    String taskId = reviews.awaitTask(instance, "reviewer", Roles.REVIEWERS);

    NodeTool browser = new NodeTool("tools/tasklist-e2e", "playwright-core");
    NodeTool.Result run = browser.run(List.of("node", "xss-check.mjs", "http://localhost:" + PORT, taskId, instance,
        requestId, MARKER), 240);

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode seen = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(seen.has("error")).as(run.output()).isFalse();
    System.out.printf("XSS probe: %d of %d payloads executed, across %s%n", seen.get("dialogs").size(),
        PAYLOADS.size() + 1, seen.get("visited"));
    assertThat(seen.get("controlDetected").asBoolean()).as("a payload that runs is seen").isTrue();
    assertThat(seen.get("dialogs")).as("payloads that ran").isEmpty();
    assertThat(seen.get("payloadsShownAsText").asInt()).as("input, draft and findings shown as text").isGreaterThanOrEqualTo(3);
    assertThat(seen.get("cockpitShowsPayload").asBoolean()).isTrue();
    assertThat(seen.get("storyShowsPayloadAsText").asBoolean()).as("the story page shows input and draft as text").isTrue();
    assertThat(seen.get("visited")).hasSize(6);
  }

  private void work(String topic, Map<String, Object> variables) {
    List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "hostile-test").topic(topic, 10_000).execute();
    assertThat(locked).hasSize(1);
    externalTasks.complete(locked.get(0).getId(), "hostile-test", variables);
  }
}
