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
   * The security probe's bypasses: the approver names someone else as the first reviewer, a person
   * in requesters and reviewers names someone else as the requester, a reviewer switches four eyes
   * off by the review mode, all through a task's variables or a submission. A person writes to a task
   * only its form's editable fields, and the rules read who approved and who requested from the
   * records anyway. What the Tasklist submits of a form's read-only fields is dropped.
   */
  @Test
  void noVariableAPersonSendsSwitchesFourEyesOrSeparationOfDutiesOff() {
    TestHttp.Response created = reviews.submit("requester", "lending", "Can I change my repayment date?", "high");
    String id = created.json().get("id").asText();
    String processInstance = created.json().get("processInstanceId").asText();
    String first = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    TestHttp.Response modeSwitch = http.put("/engine-rest/task/" + first + "/variables/reviewMode", "reviewer",
        "{\"value\": \"SINGLE\", \"type\": \"String\"}");
    assertThat(modeSwitch.status()).as(modeSwitch.body()).isEqualTo(400);
    assertThat(modeSwitch.body()).contains("'reviewMode' is not a field you fill in on this task's form");
    reviews.claim(first, "reviewer");
    String approved = "Yes, once a year: ask us at least ten days before the date.";
    TestHttp.Response smuggled = reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Say when",
        "draft", approved, "reviewMode", "SINGLE"));
    assertThat(smuggled.status()).as(smuggled.body()).isEqualTo(400);
    assertThat(smuggled.body()).contains("'reviewMode' is not a field");
    // As the Tasklist submits: every field of the form, the read-only ones too, here edited in the page.
    assertThat(reviews.submitForm(first, "reviewer", Map.of("decision", "edit", "reason", "Say when",
        "draft", approved, "attempt", 7, "input", "Another question")).status()).isEqualTo(204);
    assertThat(http.get("/engine-rest/process-instance/" + processInstance + "/variables/attempt", "demo").json()
        .get("value").asInt()).as("the read-only field was dropped").isEqualTo(1);
    String second = reviews.awaitTask(processInstance, "reviewer", Roles.REVIEWERS);
    assertThat(http.get("/api/reviews/" + id, "requester").json().get("status").asText()).isEqualTo("CONFIRMING");

    TestHttp.Response approver = http.put("/engine-rest/task/" + second + "/variables/firstReviewer", "reviewer",
        "{\"value\": \"reviewer2\", \"type\": \"String\"}");
    assertThat(approver.status()).as(approver.body()).isEqualTo(400);
    TestHttp.Response claim = reviews.claim(second, "reviewer");
    assertThat(claim.status()).as(claim.body()).isEqualTo(400);
    assertThat(claim.body()).contains("Four eyes: reviewer approved this draft");
    reviews.claim(second, "reviewer2");
    assertThat(reviews.submitForm(second, "reviewer2", Map.of("decision", "approve",
        "draft", "A text nobody approved.")).status()).as("the second review's text is read-only").isEqualTo(204);
    assertThat(http.get("/api/reviews/" + id, "requester").json().get("finalOutput").asText()).isEqualTo(approved);

    TestHttp.Response own = reviews.submit("demo", "billing", "Why is my bill late?", "medium");
    String task = reviews.awaitTask(own.json().get("processInstanceId").asText(), "reviewer", Roles.REVIEWERS);
    assertThat(http.put("/engine-rest/task/" + task + "/variables/requester", "demo",
        "{\"value\": \"requester\", \"type\": \"String\"}").status()).isEqualTo(400);
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
