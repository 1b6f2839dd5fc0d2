package dev.countersign.generation;

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

/** "Generate draft" (topic {@code llm-generate}). */
@Component
@InAppWorkers
@ExternalTaskSubscription(topicName = LlmOutputReview.Topics.GENERATE,
    variableNames = {USE_CASE, INPUT, REJECTED_DRAFT, REVIEW_FEEDBACK, PINNED_PROMPT_VERSION})
class GenerateDraftWorker extends PooledWorker {

  private final DraftGenerator generator;

  GenerateDraftWorker(DraftGenerator generator, WorkerPool pool) {
    // The draft log keeps them with the draft (cs_review_draft); as process variables they were rows no step read.
    super(pool, Set.of(GENERATED_DRAFT, PROMPT_TOKENS, COMPLETION_TOKENS, MEMORIES_USED));
    this.generator = generator;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) {
    return generator.generate(new DraftRequest(task.getVariable(USE_CASE), task.getVariable(INPUT),
        task.getVariable(REJECTED_DRAFT), task.getVariable(REVIEW_FEEDBACK)), task.getVariable(PINNED_PROMPT_VERSION))
        .variables();
  }
}
