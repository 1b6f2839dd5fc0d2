package dev.countersign.generation;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.LlmTaskExecutor;
import dev.countersign.system.PooledWorker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Generate draft" (topic {@code llm-generate}). */
@Component
@ExternalTaskSubscription(topicName = LlmOutputReview.Topics.GENERATE,
    variableNames = {USE_CASE, INPUT, ATTEMPT, REJECTED_DRAFT, REVIEW_FEEDBACK})
class GenerateDraftWorker extends PooledWorker {

  private final DraftGenerator generator;
  private final ObjectMapper json;

  GenerateDraftWorker(DraftGenerator generator, LlmTaskExecutor executor, ObjectMapper json) {
    super(executor);
    this.generator = generator;
    this.json = json;
  }

  /** Which memories the draft was written with: request ids, and the attempt of each rejected draft. */
  private String memoriesJson(CorrectionMemory.Recall recall) throws JsonProcessingException {
    List<Map<String, Object>> used = new ArrayList<>();
    recall.approved().forEach(a -> used.add(Map.of("kind", "approved", "requestId", a.requestId(),
        "similarity", Math.round(a.similarity() * 1000) / 1000.0)));
    recall.avoid().forEach(a -> used.add(Map.of("kind", "avoid", "requestId", a.requestId(), "attempt", a.attempt(),
        "similarity", Math.round(a.similarity() * 1000) / 1000.0)));
    return json.writeValueAsString(used);
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) throws JsonProcessingException {
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
    variables.put(MEMORIES_USED, memoriesJson(draft.memories()));
    return variables;
  }
}
