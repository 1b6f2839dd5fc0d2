package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * On the defaults the app's own workers fetch through the engine's Java API: the work is done
 * under the configured worker id, and the REST client the starter builds never fetches.
 */
class InProcessFetcherIntegrationTests extends AppOverHttp {

  @Autowired HistoryService history;
  @Autowired ExternalTaskClient client;
  @Value("${camunda.bpm.client.worker-id}") String workerId;

  @Test
  void workersFetchInProcessAndTheRestClientNeverStarts() {
    List<String> ids = IntStream.range(0, 12).mapToObj(i -> {
      TestHttp.Response created = reviews.submit("requester", "billing", "Why was I charged twice, case " + i + "?",
          "medium");
      assertThat(created.status()).isEqualTo(201);
      return created.json().get("processInstanceId").asText();
    }).toList();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids).allSatisfy(instance ->
        assertThat(successes(instance)).extracting(HistoricExternalTaskLog::getTopicName)
            .containsExactlyInAnyOrder("llm-generate", "llm-screen")));
    assertThat(ids).allSatisfy(instance -> assertThat(successes(instance))
        .extracting(HistoricExternalTaskLog::getWorkerId).containsOnly(workerId));
    assertThat(client.isActive()).as("the REST client, built but never started").isFalse();
  }

  private List<HistoricExternalTaskLog> successes(String processInstanceId) {
    return history.createHistoricExternalTaskLogQuery().processInstanceId(processInstanceId).successLog().list();
  }
}
