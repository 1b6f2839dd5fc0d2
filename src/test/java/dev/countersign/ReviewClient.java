package dev.countersign;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a user's script does with a running Countersign: submit, find a task, claim it, decide. */
public final class ReviewClient {

  private final TestHttp http;

  public ReviewClient(TestHttp http) {
    this.http = http;
  }

  public TestHttp.Response submit(String user, String useCase, String input, String riskTier) {
    return http.post("/api/reviews", user, TestHttp.json(Map.of("useCase", useCase, "input", input, "riskTier", riskTier)));
  }

  /** Waits for the one open task of {@code group} in an instance, as a reviewer polling the Tasklist would. */
  public String awaitTask(String processInstanceId, String user, String group) {
    String path = "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId + "&candidateGroup=" + group;
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> http.get(path, user).json().size() == 1);
    return http.get(path, user).json().get(0).get("id").asText();
  }

  public TestHttp.Response claim(String taskId, String user) {
    return http.post("/engine-rest/task/" + taskId + "/claim", user, TestHttp.json(Map.of("userId", user)));
  }

  /** Completes a task through the form endpoint the Tasklist uses; {@code variables} are plain values. */
  public TestHttp.Response submitForm(String taskId, String user, Map<String, ?> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    return http.post("/engine-rest/task/" + taskId + "/submit-form", user, TestHttp.json(Map.of("variables", typed)));
  }
}
