package dev.countersign.screening;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.InAppWorkers;
import dev.countersign.system.PooledWorker;
import dev.countersign.system.WorkerPool;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Screen draft" (topic {@code llm-screen}). */
@Component
@InAppWorkers
@ExternalTaskSubscription(topicName = LlmOutputReview.Topics.SCREEN, variableNames = {USE_CASE, INPUT, DRAFT})
class ScreenDraftWorker extends PooledWorker {

  private final ScreeningService screening;

  ScreenDraftWorker(ScreeningService screening, WorkerPool pool) {
    // The draft log keeps the findings with the draft; the forms show their summaries, which stay variables.
    super(pool, Set.of(FINDINGS));
    this.screening = screening;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) {
    return screening.screen(task.getVariable(USE_CASE), task.getVariable(INPUT), task.getVariable(DRAFT)).variables();
  }
}
