package dev.countersign.generation;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.memory.CorrectionMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A generated draft and where it came from, including the memories it was written with. */
public record Draft(String text, String model, String promptVersion, Integer promptTokens, Integer completionTokens,
    CorrectionMemory.Recall memories) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What "Generate draft" hands back to llm-output-review; the draft log numbers it. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DRAFT, text);
    variables.put(GENERATED_DRAFT, text);
    variables.put(DRAFT_MODEL, model);
    variables.put(PROMPT_VERSION, promptVersion);
    variables.put(PROMPT_TOKENS, promptTokens);
    variables.put(COMPLETION_TOKENS, completionTokens);
    variables.put(MEMORIES_USED, memoriesJson());
    return variables;
  }

  /** Which memories the draft was written with: request ids, and the attempt of each rejected draft. */
  private String memoriesJson() {
    List<Map<String, Object>> used = new ArrayList<>();
    memories.approved().forEach(a -> used.add(Map.of("kind", "approved", "requestId", a.requestId(),
        "similarity", rounded(a.similarity()))));
    memories.avoid().forEach(a -> used.add(Map.of("kind", "avoid", "requestId", a.requestId(), "attempt", a.attempt(),
        "similarity", rounded(a.similarity()))));
    try {
      return JSON.writeValueAsString(used);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double rounded(double similarity) {
    return Math.round(similarity * 1000) / 1000.0;
  }
}
