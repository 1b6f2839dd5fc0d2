package dev.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppProcess;
import dev.countersign.ReviewClient;
import dev.countersign.TestHttp;
import dev.countersign.automation.AutomationReview;
import dev.countersign.labeling.DataLabeling;
import dev.countersign.promotion.CandidatePromotion;
import dev.countersign.retraining.ModelRetraining;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.PostgresInstalled;
import dev.countersign.system.PostgresServer;
import dev.countersign.system.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engine nodes on one PostgreSQL database, started at the same moment on an empty database;
 * requests are submitted and reviews completed on both, and one node is killed with SIGKILL. What
 * either node acknowledged is on the survivor, and the dead node's review deadlines fire there.
 */
@PostgresInstalled
class ClusterIntegrationTests {

  private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final int OVERDUE = 6;

  private final List<AppProcess> nodes = new ArrayList<>();
  private PostgresServer postgres;

  @AfterEach
  void stopAll() throws Exception {
    for (AppProcess node : nodes) {
      node.kill();
    }
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  void twoNodesStartTogetherAndTheSurvivorOfAKilledOneHasEverythingEitherAcknowledged(@TempDir Path directory)
      throws Exception {
    postgres = PostgresServer.start(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    AppProcess doomed = node(directory, "node-a");
    AppProcess survivor = node(directory, "node-b");
    doomed.begin();
    survivor.begin();
    doomed.awaitReady();
    survivor.awaitReady();
    assertStartedCleanly(survivor.http(), doomed, survivor);

    Load load = new Load(doomed.http(), survivor.http());
    load.start();
    await().atMost(Duration.ofMinutes(1)).until(() -> load.completions.size() >= 20);
    List<String> overdue = reviewsDueShortly(doomed.http(), load);
    assertThat(verified(survivor.http())).as("the evidence trail before the crash").isTrue();

    doomed.kill();
    long killed = System.nanoTime();
    load.nodeDied();
    await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledgedAfterKill.get() >= 20);
    load.stop();

    TestHttp http = survivor.http();
    // Drafting and screening that the dead node's workers held resume when their locks lapse.
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(unsettled(http, load.acknowledged.keySet()))
            .as("acknowledged requests missing or not yet in review on the survivor, with their state").isEmpty());
    long settledSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
    List<String> undone = load.completions.keySet().stream()
        .filter(id -> !"APPROVED".equals(Submissions.status(http, id, "compliance"))).toList();
    assertThat(undone).as("reviews answered 204 that the survivor does not have as approved").isEmpty();

    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
        .until(() -> overdue.stream().allMatch(instance -> escalated(http, instance)));
    long escalatedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
    assertThat(verified(http)).as("the evidence trail after the crash").isTrue();
    System.out.printf("[killed engine node] %d requests acknowledged (%d by the killed node, %d after the kill), %d "
        + "reviews completed (%d on the killed node), 0 lost; every request settled %d s and the dead node's %d "
        + "overdue reviews escalated %d s after the kill%n", load.acknowledged.size(), load.startedOnDoomed.size(),
        load.acknowledgedAfterKill.get(), load.completions.size(), load.completedOnDoomed.get(), settledSeconds,
        overdue.size(), escalatedSeconds);
  }

  private static Map<String, String> unsettled(TestHttp http, Set<String> requests) {
    Map<String, String> states = requests.stream()
        .collect(Collectors.toMap(id -> id, id -> Submissions.status(http, id, "compliance")));
    states.values().removeIf(Set.of("IN_REVIEW", "ESCALATED", "APPROVED")::contains);
    return states;
  }

  /** Two nodes at once on an empty database: one schema, one deployment, one retraining timer, no error. */
  private static void assertStartedCleanly(TestHttp http, AppProcess... nodes) {
    assertThat(http.get("/engine-rest/deployment/count", "demo").json().get("count").asInt()).isEqualTo(1);
    JsonNode definitions = http.get("/engine-rest/process-definition?firstResult=0&maxResults=50", "demo").json();
    assertThat(StreamSupport.stream(definitions.spliterator(), false)
        .map(d -> d.get("key").asText() + ":" + d.get("version").asInt()))
        .containsExactlyInAnyOrder(LlmOutputReview.PROCESS_KEY + ":1", ModelRetraining.PROCESS_KEY + ":1",
            CandidatePromotion.PROCESS_KEY + ":1", AutomationReview.PROCESS_KEY + ":1",
            DataLabeling.PROCESS_KEY + ":1");
    for (String scheduled : List.of(ModelRetraining.PROCESS_KEY, AutomationReview.PROCESS_KEY)) {
      assertThat(http.get("/engine-rest/job/count?timers=true&processDefinitionKey=" + scheduled, "demo")
          .json().get("count").asInt()).as("scheduled starts of " + scheduled).isEqualTo(1);
    }
    for (AppProcess node : nodes) {
      assertThat(node.logText()).as("a node's start-up log").doesNotContain(" ERROR ");
    }
  }

  /**
   * Review deadlines of instances the doomed node started, moved to fall due after it is dead. A
   * timer belongs to no node: whichever node's job executor finds it due fires it.
   */
  private static List<String> reviewsDueShortly(TestHttp http, Load load) {
    // The oldest of the doomed node's requests that no reviewer has taken: they are next to be drafted,
    // so their reviews open first (under load a request submitted last waits long for its draft).
    List<String> instances = load.startedOnDoomed.stream().filter(load.reserved::add).limit(OVERDUE).toList();
    for (String instance : instances) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> http.get(
          "/engine-rest/job/count?timers=true&processInstanceId=" + instance, "demo").json().get("count").asInt() == 1);
    }
    String due = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(15).format(ENGINE_DATE);
    for (String instance : instances) {
      String job = http.get("/engine-rest/job?firstResult=0&maxResults=5&timers=true&processInstanceId=" + instance,
          "demo").json().get(0).get("id").asText();
      assertThat(http.put("/engine-rest/job/" + job + "/duedate", "demo", TestHttp.json(Map.of("duedate", due)))
          .status()).isEqualTo(204);
    }
    assertThat(instances).hasSize(OVERDUE);
    return instances;
  }

  private static boolean escalated(TestHttp http, String instance) {
    return http.get("/engine-rest/task/count?processInstanceId=" + instance + "&taskDefinitionKey="
        + LlmOutputReview.Elements.ESCALATED_REVIEW, "demo").json().get("count").asInt() == 1;
  }

  private static boolean verified(TestHttp http) {
    TestHttp.Response verify = http.get("/api/oversight/audit/verify", "compliance");
    assertThat(verify.status()).as(verify.body()).isEqualTo(200);
    return verify.json().get("valid").asBoolean();
  }

  private AppProcess node(Path directory, String name) throws Exception {
    AppProcess node = new AppProcess(Files.createDirectories(directory.resolve(name)), TestHttp.freePort(), Map.of(
        "SPRING_PROFILES_ACTIVE", "postgres", "DB_URL", postgres.jdbcUrl(), "DB_USER", "countersign",
        "DB_PASSWORD", "countersign", "DEMO_USERS", "true", "HOSTNAME", name,
        // What a dead node held is free again after these; Camunda's defaults are 1 and 5 minutes.
        "COUNTERSIGN_WORKERS_LOCKDURATION", "5s", "CAMUNDA_BPM_CLIENT_LOCKDURATION", "5000",
        "CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", "10000", "CAMUNDA_BPM_JOBEXECUTION_MAXWAIT", "5000"));
    nodes.add(node);
    return node;
  }

  /**
   * Requesters submitting to both nodes in turn and a reviewer on each completing review tasks,
   * until stopped; after a node dies, only the other. Keeps what each node acknowledged.
   */
  private static final class Load {

    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    final Map<String, String> completions = new ConcurrentHashMap<>();
    /** In the order the doomed node acknowledged them. */
    final Queue<String> startedOnDoomed = new ConcurrentLinkedQueue<>();
    final Set<String> reserved = ConcurrentHashMap.newKeySet();
    final AtomicInteger acknowledgedAfterKill = new AtomicInteger();
    final AtomicInteger completedOnDoomed = new AtomicInteger();
    private final Map<String, String> requestOfInstance = new ConcurrentHashMap<>();
    private final TestHttp doomed;
    private final TestHttp survivor;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean doomedAlive = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    Load(TestHttp doomed, TestHttp survivor) {
      this.doomed = doomed;
      this.survivor = survivor;
    }

    void start() {
      for (int i = 0; i < 4; i++) {
        threads.execute(this::submit);
      }
      threads.execute(() -> review(doomed, "reviewer", true));
      threads.execute(() -> review(survivor, "reviewer2", false));
    }

    void nodeDied() {
      doomedAlive.set(false);
    }

    void stop() throws InterruptedException {
      running.set(false);
      threads.shutdown();
      assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    private void submit() {
      while (running.get()) {
        int i = next.getAndIncrement();
        boolean toDoomed = i % 2 == 0 && doomedAlive.get();
        boolean afterKill = !doomedAlive.get();
        try {
          TestHttp.Response created = Submissions.submit(toDoomed ? doomed : survivor, i);
          if (created.status() == 201) {
            String id = created.json().get("id").asText();
            String instance = created.json().get("processInstanceId").asText();
            acknowledged.put(id, instance);
            requestOfInstance.put(instance, id);
            if (toDoomed) {
              startedOnDoomed.add(instance);
            }
            if (afterKill) {
              acknowledgedAfterKill.incrementAndGet();
            }
          }
        } catch (IllegalStateException connectionLost) {
          // The doomed node died under this request: never acknowledged, so nobody was promised anything.
        }
      }
    }

    private void review(TestHttp node, String reviewer, boolean onDoomed) {
      String open = "/engine-rest/task?maxResults=20&unassigned=true&candidateGroup=" + Roles.REVIEWERS
          + "&taskDefinitionKey=" + LlmOutputReview.Elements.REVIEW_DRAFT;
      ReviewClient reviews = new ReviewClient(node);
      while (running.get() && (!onDoomed || doomedAlive.get())) {
        try {
          for (JsonNode task : node.get(open, reviewer).json()) {
            String instance = task.get("processInstanceId").asText();
            String request = requestOfInstance.get(instance);
            if (request == null || !reserved.add(instance)) {
              continue;
            }
            String id = task.get("id").asText();
            if (reviews.claim(id, reviewer).status() == 204
                // The offline drafter's placeholder cannot be approved as it is: the reviewer writes the reply.
                && reviews.submitForm(id, reviewer, Map.of("decision", "edit", "reason", "Wrote the reply",
                    "draft", "We have checked your request: " + request)).status() == 204) {
              completions.put(request, instance);
              if (onDoomed) {
                completedOnDoomed.incrementAndGet();
              }
            }
          }
          Thread.sleep(50);
        } catch (IllegalStateException connectionLost) {
          // The node died under this completion: never answered, so it counts for nothing.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
