package dev.countersign.request;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.countersign.FakeOpenAi;
import dev.countersign.TestHttp;
import dev.countersign.review.LlmOutputReview;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the crash tests do as users: submit from concurrent clients, then look for every acknowledged request. */
final class Submissions {

  private static final Pattern NUMBER = Pattern.compile("\\(request (\\d+)\\)");

  private Submissions() {}

  /** The input of request {@code i}; {@link #number} finds {@code i} again in a prompt. */
  static String input(int i) {
    return "Why was I charged twice? (request " + i + ")";
  }

  static int number(String prompt) {
    Matcher found = NUMBER.matcher(prompt);
    return found.find() ? Integer.parseInt(found.group(1)) : -1;
  }

  /** Every request from concurrent clients; the ids of those answered 201, as soon as the last one is. */
  static List<String> submitAll(TestHttp http, int requests, int clients) throws InterruptedException {
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
          TestHttp.Response created = submit(http, i);
          if (created.status() == 201) {
            acknowledged.add(created.json().get("id").asText());
          } else {
            refused.add(created.status() + " " + created.body());
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("submissions finished").isTrue();
    assertThat(refused).as("requests refused").isEmpty();
    assertThat(acknowledged).hasSize(requests);
    return acknowledged;
  }

  static TestHttp.Response submit(TestHttp http, int i) {
    return http.post("/api/reviews", "requester", TestHttp.json(Map.of(
        "useCase", "billing", "input", input(i), "riskTier", "medium")));
  }

  /** Drafting calls to the fake model beyond the first, over every request. */
  static int repeatedDraftCalls(WireMockServer llm) {
    Map<Integer, Long> perRequest = llm.findAll(postRequestedFor(urlEqualTo(FakeOpenAi.COMPLETIONS))).stream()
        .map(LoggedRequest::getBodyAsString)
        .filter(body -> !body.contains(FakeOpenAi.JUDGE_PROMPT))
        .collect(Collectors.groupingBy(Submissions::number, Collectors.counting()));
    return (int) perRequest.values().stream().mapToLong(calls -> calls - 1).sum();
  }

  static int reviewTasks(TestHttp http) {
    return http.get("/engine-rest/task/count?processDefinitionKey=" + LlmOutputReview.PROCESS_KEY
        + "&taskDefinitionKey=" + LlmOutputReview.Elements.REVIEW_DRAFT, "demo").json().get("count").asInt();
  }

  /** Waits until there are as many review tasks as requests, then checks each request by its id. */
  static void assertEveryRequestReachesReview(TestHttp http, List<String> acknowledged, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> reviewTasks(http) >= acknowledged.size());
    List<String> notInReview = acknowledged.stream()
        .filter(id -> !"IN_REVIEW".equals(status(http, id, "requester")) || !"IN_REVIEW".equals(status(http, id, "compliance")))
        .toList();
    assertThat(notInReview).as("acknowledged requests that their requester or compliance cannot see in review").isEmpty();
  }

  static String status(TestHttp http, String id, String user) {
    TestHttp.Response review = http.get("/api/reviews/" + id, user);
    return review.status() == 200 ? review.json().get("status").asText() : "HTTP " + review.status();
  }
}
