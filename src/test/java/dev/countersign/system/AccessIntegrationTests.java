package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who sees what with Camunda authorization on, tried over HTTP as each role: tasks of other groups
 * in every way /engine-rest offers to reach them, an escalated task from the group it left, other
 * people's requests through /api, and deployments or identities from anyone but administrators.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessIntegrationTests extends AppOverHttp {



  @Autowired ManagementService management;
  @Autowired IdentityService identity;

  @Test
  void someoneOutsideRequestersIsToldTheyMayNotStartAReviewWithoutAnErrorInTheLog(CapturedOutput log) {
    TestHttp.Response refused = http.post("/api/reviews", "reviewer",
        "{\"useCase\": \"billing\", \"input\": \"Why was I charged twice?\", \"riskTier\": \"low\"}");
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText()).contains("requesters group");
    assertThat(refused.body()).doesNotContain("Exception", "ENGINE-");
    assertThat(log.getOut().lines().filter(line -> line.contains(" ERROR "))).isEmpty();
  }

  @Test
  void reviewersSeeOnlyTheirGroupsTasksAndLoseAnEscalatedOne() {
    TestHttp.Response created = reviews.submit("requester", "billing", "Why did my tariff change?", "medium");
    String instance = created.json().get("processInstanceId").asText();
    String reviewTask = reviews.awaitTask(instance, "reviewer", Roles.REVIEWERS);

    List<String> leaks = new ArrayList<>();
    // Before escalation: the senior reviewers' and compliance's people cannot reach the reviewers' task.
    for (String outsider : List.of("senior", "compliance", "owner", "requester")) {
      probeTask(outsider, instance, reviewTask, leaks);
    }
    List<String> control = new ArrayList<>();
    probeTask("reviewer", instance, reviewTask, control);
    assertThat(control).as("the probe sees what a task's own group may see").contains(
        "reviewer lists task " + reviewTask, "reviewer reads /task/" + reviewTask + "/form-variables");

    Job overdue = management.createJobQuery().processInstanceId(instance).timers().singleResult();
    management.executeJob(overdue.getId());
    String escalated = reviews.awaitTask(instance, "senior", Roles.SENIOR_REVIEWERS);

    // After escalation: the reviewers lose the task, its variables and its history.
    probeTask("reviewer", instance, escalated, leaks);
    probeTask("reviewer", instance, reviewTask, leaks);
    int historic = http.get("/engine-rest/history/task?maxResults=10&processInstanceId=" + instance, "reviewer").json().size();
    if (historic > 0) {
      leaks.add("reviewer sees " + historic + " historic tasks of the instance");
    }
    System.out.printf("Cross-group probe: %d leaks%n", leaks.size());
    assertThat(leaks).isEmpty();
    assertThat(http.get("/engine-rest/task/" + escalated + "/form-variables", "senior").status()).isEqualTo(200);
    assertThat(reviews.claim(escalated, "reviewer").status()).isIn(403, 404);
  }

  @Test
  void aTaskMovedToAnotherGroupIsLostToTheGroupItLeft() {
    String instance = reviews.submit("requester", "billing", "Why is there a fee?", "medium").json()
        .get("processInstanceId").asText();
    String task = reviews.awaitTask(instance, "reviewer", Roles.REVIEWERS);

    // An administrator hands the task to the senior reviewers, as in the Tasklist's group editor.
    String links = "/engine-rest/task/" + task + "/identity-links";
    assertThat(http.post(links, "demo", TestHttp.json(Map.of("groupId", Roles.SENIOR_REVIEWERS, "type", "candidate")))
        .status()).isEqualTo(204);
    assertThat(http.post(links + "/delete", "demo", TestHttp.json(Map.of("groupId", Roles.REVIEWERS, "type", "candidate")))
        .status()).isEqualTo(204);

    List<String> leaks = new ArrayList<>();
    probeTask("reviewer", instance, task, leaks);
    assertThat(leaks).isEmpty();
    assertThat(http.get("/engine-rest/task/" + task, "senior").status()).isEqualTo(200);
    assertThat(reviews.claim(task, "reviewer").status()).isIn(403, 404);
  }

  @Test
  void requestersSeeOnlyTheirOwnRequests() {
    if (identity.createUserQuery().userId("requester-b").count() == 0) {
      User other = identity.newUser("requester-b");
      other.setPassword("requester-b");
      identity.saveUser(other);
      identity.createMembership("requester-b", Roles.REQUESTERS);
    }
    String mine = reviews.submit("requester", "billing", "Is there a fee for paper bills?", "low").json().get("id").asText();
    String theirs = reviews.submit("requester-b", "billing", "Can I get a paper bill?", "low").json().get("id").asText();

    assertThat(http.get("/api/reviews/" + mine, "requester").status()).isEqualTo(200);
    assertThat(http.get("/api/reviews/" + theirs, "requester-b").status()).isEqualTo(200);
    assertThat(http.get("/api/reviews/" + mine, "requester-b").status()).isEqualTo(404);
    assertThat(http.get("/api/reviews/" + mine, "reviewer").status()).isEqualTo(404);
    assertThat(http.get("/api/reviews/" + mine, "compliance").status()).isEqualTo(200);
    JsonNode instances = http.get("/engine-rest/process-instance?maxResults=50", "requester-b").json();
    assertThat(instances.size()).as("requesters read no instances through /engine-rest").isZero();
  }

  @Test
  void aStrangerCannotTellSomeoneElsesRequestFromOneThatDoesNotExist() {
    String id = reviews.submit("requester", "billing", "When is my bill due?", "low").json().get("id").asText();
    for (String path : List.of("/api/reviews/%s", "/api/reviews/%s/audit")) {
      TestHttp.Response missing = http.get(path.formatted("no-such-request"), "reviewer");
      TestHttp.Response strangers = http.get(path.formatted(id), "reviewer");
      assertThat(missing.status()).as(path).isEqualTo(404);
      assertThat(strangers.status()).as(path).isEqualTo(missing.status());
      assertThat(strangers.body()).as(path).isEqualTo(missing.body());
      assertThat(http.get(path.formatted(id), "requester").status()).as(path).isEqualTo(200);
      assertThat(http.get(path.formatted(id), "compliance").status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void onlyAdministratorsDeployOrManageIdentities() {
    String script = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">
          <bpmn:process id="sneaky" isExecutable="true" camunda:historyTimeToLive="180">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="u" name="${execution.getProcessEngineServices().getIdentityService()}" />
            <bpmn:scriptTask id="t" scriptFormat="javascript"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>
          </bpmn:process>
        </bpmn:definitions>""";
    for (String user : List.of("reviewer", "senior", "compliance", "requester", "owner")) {
      TestHttp.Response deploy = http.deploy("sneaky.bpmn", script, user);
      assertThat(deploy.status()).as(user + ": " + deploy.body()).isEqualTo(403);
      assertThat(http.post("/engine-rest/user/create", user, TestHttp.json(Map.of(
          "profile", Map.of("id", "intruder-" + user), "credentials", Map.of("password", "x")))).status()).isEqualTo(403);
      assertThat(http.post("/engine-rest/group/create", user, TestHttp.json(Map.of("id", "cabal-" + user))).status())
          .isEqualTo(403);
      assertThat(http.post("/engine-rest/authorization/create", user, TestHttp.json(Map.of("type", 1,
          "permissions", List.of("ALL"), "userId", user, "resourceType", 0, "resourceId", "*"))).status()).isEqualTo(403);
    }
    assertThat(identity.createUserQuery().userIdIn("intruder-reviewer").count()).isZero();
    assertThat(http.get("/engine-rest/process-definition?maxResults=10&key=sneaky", "demo").json().size()).isZero();
  }

  /** Every way /engine-rest offers to reach a task and its data; any answer with data is a leak. */
  private static void probeTask(String user, String instance, String taskId, List<String> leaks) {
    for (JsonNode task : http.get("/engine-rest/task?maxResults=10&processInstanceId=" + instance, user).json()) {
      if (task.get("id").asText().equals(taskId)) {
        leaks.add(user + " lists task " + taskId);
      }
    }
    for (String path : List.of("", "/variables", "/form-variables", "/identity-links", "/deployed-form")) {
      if (http.get("/engine-rest/task/" + taskId + path, user).status() == 200) {
        leaks.add(user + " reads /task/" + taskId + path);
      }
    }
    if (http.get("/engine-rest/process-instance/" + instance + "/variables", user).status() == 200) {
      leaks.add(user + " reads the instance's variables");
    }
  }
}
