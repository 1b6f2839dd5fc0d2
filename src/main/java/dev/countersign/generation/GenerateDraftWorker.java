package dev.countersign.generation;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.LlmTaskExecutor;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** "Generate draft" (topic {@code llm-generate}). */
@Component
@ExternalTaskSubscription(topicName = LlmOutputReview.Topics.GENERATE,
    variableNames = {USE_CASE, INPUT, ATTEMPT, REJECTED_DRAFT, REVIEW_FEEDBACK})
class GenerateDraftWorker implements ExternalTaskHandler {

  private final DraftGenerator generator;
  private final LlmTaskExecutor executor;

  GenerateDraftWorker(DraftGenerator generator, LlmTaskExecutor executor) {
    this.generator = generator;
    this.executor = executor;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    executor.submit(task, service, this::generate);
  }

  private Map<String, Object> generate(ExternalTask task) {
    int attempt = ((Number) task.getVariable(ATTEMPT)).intValue() + 1;
    Draft draft = generator.generate(new DraftRequest(task.getVariable(USE_CASE), task.getVariable(INPUT),
        task.getVariable(REJECTED_DRAFT), task.getVariable(REVIEW_FEEDBACK)));
    Map<String, Object> variables = new HashMap<>();
    variables.put(ATTEMPT, attempt);
    variables.put(DRAFT, draft.text());
    variables.put(GENERATED_DRAFT, draft.text());
    variables.put(DRAFT_MODEL, draft.model());
    variables.put(PROMPT_VERSION, draft.promptVersion());
    variables.put(PROMPT_TOKENS, draft.promptTokens());
    variables.put(COMPLETION_TOKENS, draft.completionTokens());
    return variables;
  }
}
