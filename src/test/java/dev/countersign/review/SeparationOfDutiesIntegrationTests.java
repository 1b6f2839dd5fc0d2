package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import dev.countersign.system.Roles;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Four eyes and separation of duties, tried through both REST APIs as any client would. */
@ExtendWith(OutputCaptureExtension.class)
class SeparationOfDutiesIntegrationTests extends AppOverHttp {

  @Autowired TaskService tasks;

  @Test
  void highRiskApprovalNeedsASecondPersonWhateverTheClientTries() {
    TestHttp.Response created = reviews.submit("requester", "lending", "Can I defer my loan repayment?", "high");
    String id = created.json().get("id").asText();
    String processInstance = created.json().get("processInstanceId").asText();
    String first = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    reviews.claim(first, "reviewer");
    String approved = "You can ask to defer one repayment a year; call us before the due date.";
    assertThat(reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Policy", "draft", approved))
        .status()).isEqualTo(204);

    String second = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    assertThat(tasks.createTaskQuery().taskId(second).singleResult().getTaskDefinitionKey())
        .isEqualTo(LlmOutputReview.Elements.SECOND_REVIEW);
    assertThat(http.get("/api/reviews/" + id, "requester").json().get("status").asText()).isEqualTo("CONFIRMING");
    JsonNode form = http.get("/engine-rest/task/" + second + "/form-variables", "reviewer2").json();
    assertThat(form.get("firstReviewer").get("value").asText()).isEqualTo("reviewer");
    assertThat(form.get("draft").get("value").asText()).isEqualTo(approved);

    TestHttp.Response ownClaim = reviews.claim(second, "reviewer");
    assertThat(ownClaim.status()).isBetween(400, 499);
    assertThat(ownClaim.body()).contains("Four eyes: reviewer approved this draft");
    assertThat(assignee(second)).isNull();

    // Claimed by a colleague, then submitted by the first reviewer under their own login.
    assertThat(reviews.claim(second, "reviewer2").status()).isEqualTo(204);
    TestHttp.Response bypass = reviews.submitForm(second, "reviewer", Map.of("decision", "approve"));
    assertThat(bypass.status()).as(bypass.body()).isBetween(400, 499);
    assertThat(bypass.body()).contains("Four eyes: reviewer approved this draft");
    assertThat(tasks.createTaskQuery().taskId(second).count()).as("the task stays open").isEqualTo(1);

    assertThat(reviews.submitForm(second, "reviewer2", Map.of("decision", "approve")).status()).isEqualTo(204);
    JsonNode review = http.get("/api/reviews/" + id, "requester").json();
    assertThat(review.get("status").asText()).isEqualTo("APPROVED");
    assertThat(review.get("finalOutput").asText()).isEqualTo(approved);
    assertThat(review.get("decisions")).hasSize(2);
  }

  @Test
  void aRequesterCannotReviewTheirOwnRequest() {
    // demo is in every group, reviewers included.
    TestHttp.Response created = reviews.submit("demo", "billing", "Why is my bill higher?", "medium");
    String task = reviews.awaitTask(created.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);

    TestHttp.Response claim = reviews.claim(task, "demo");
    assertThat(claim.status()).as(claim.body()).isBetween(400, 499);
    assertThat(claim.body()).contains("demo requested this review and may not review it");

    assertThat(reviews.claim(task, "reviewer").status()).isEqualTo(204);
    TestHttp.Response complete = reviews.submitForm(task, "demo", Map.of("decision", "approve"));
    assertThat(complete.status()).as(complete.body()).isBetween(400, 499);
    assertThat(complete.body()).contains("demo requested this review and may not review it");
    assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
  }

  /**
   * The security probe's bypasses: the approver names someone else as the first reviewer, and a
   * person in requesters and reviewers names someone else as the requester, through the task's
   * variables. The rules read who approved and who requested from the records, so both are refused,
   * and a text written into the second review's variables is not what gets confirmed.
   */
  @Test
  void variablesAPersonCanWriteDoNotSwitchFourEyesOrSeparationOfDutiesOff() {
    TestHttp.Response created = reviews.submit("requester", "lending", "Can I change my repayment date?", "high");
    String processInstance = created.json().get("processInstanceId").asText();
    String first = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    reviews.claim(first, "reviewer");
    String approved = "Yes, once a year: ask us at least ten days before the date.";
    assertThat(reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Say when",
        "draft", approved)).status()).isEqualTo(204);
    String second = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);

    // Reviewers may still write a task's variables; the rules hold without relying on that being closed.
    assertThat(http.put("/engine-rest/task/" + second + "/variables/firstReviewer", "reviewer",
        "{\"value\": \"reviewer2\", \"type\": \"String\"}").status()).isEqualTo(204);
    TestHttp.Response claim = reviews.claim(second, "reviewer");
    assertThat(claim.status()).as(claim.body()).isEqualTo(400);
    assertThat(claim.body()).contains("Four eyes: reviewer approved this draft");

    assertThat(http.put("/engine-rest/task/" + second + "/variables/draft", "reviewer",
        "{\"value\": \"A text nobody approved.\", \"type\": \"String\"}").status()).isEqualTo(204);
    reviews.claim(second, "reviewer2");
    assertThat(reviews.submitForm(second, "reviewer2", Map.of("decision", "approve")).status()).isEqualTo(204);
    String id = created.json().get("id").asText();
    assertThat(http.get("/api/reviews/" + id, "requester").json().get("finalOutput").asText()).isEqualTo(approved);

    TestHttp.Response own = reviews.submit("demo", "billing", "Why is my bill late?", "medium");
    String task = reviews.awaitTask(own.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);
    assertThat(http.put("/engine-rest/task/" + task + "/variables/requester", "demo",
        "{\"value\": \"requester\", \"type\": \"String\"}").status()).isEqualTo(204);
    TestHttp.Response ownClaim = reviews.claim(task, "demo");
    assertThat(ownClaim.status()).as(ownClaim.body()).isEqualTo(400);
    assertThat(ownClaim.body()).contains("demo requested this review and may not review it");
  }

  /**
   * The Tasklist calls the webapps' own engine API, not /engine-rest: a refusal there is a 400 with
   * our sentence and no engine code, logged at INFO, and the task stays as it was.
   */
  @Test
  void theTasklistsOwnEngineApiAnswersARefusalWithTheSentenceNotAnError(CapturedOutput log) {
    TestHttp.Response created = reviews.submit("requester", "lending", "Can I pay my loan off early?", "high");
    String processInstance = created.json().get("processInstanceId").asText();
    String first = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    reviews.claim(first, "reviewer");
    assertThat(reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Say how",
        "draft", "Yes: ask us for a payoff quote, then pay it within ten days.")).status()).isEqualTo(204);
    String second = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    String api = "/camunda/api/engine/engine/default/task/" + second;

    TestHttp.WebappSession approver = http.webapp("reviewer");
    TestHttp.Response claim = approver.post(api + "/claim", "{\"userId\": \"reviewer\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(400);
    assertThat(claim.json().get("message").asText()).startsWith("Four eyes: reviewer approved this draft");
    assertThat(claim.body()).doesNotContain("ENGINE-");
    assertThat(assignee(second)).isNull();

    assertThat(http.webapp("reviewer2").post(api + "/claim", "{\"userId\": \"reviewer2\"}").status()).isEqualTo(204);
    TestHttp.Response submit = approver.post(api + "/submit-form",
        "{\"variables\": {\"decision\": {\"value\": \"approve\", \"type\": \"String\"}}}");
    assertThat(submit.status()).as(submit.body()).isEqualTo(400);
    assertThat(submit.json().get("message").asText()).startsWith("Four eyes: reviewer approved this draft");
    assertThat(submit.body()).doesNotContain("ENGINE-");
    assertThat(tasks.createTaskQuery().taskId(second).count()).as("the task stays open").isEqualTo(1);

    assertThat(log.getOut()).contains("Refused: Four eyes: reviewer approved this draft");
    assertThat(log.getOut().lines().filter(line -> line.contains("ERROR"))
        .filter(line -> line.contains("ENGINE-03051") || line.contains("Four eyes"))).isEmpty();
  }

  private String assignee(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    return task.getAssignee();
  }
}
