package dev.countersign.screening;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.LlmTaskExecutor;
import dev.countersign.system.PooledWorker;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Screen draft" (topic {@code llm-screen}). */
@Component
@ExternalTaskSubscription(topicName = LlmOutputReview.Topics.SCREEN, variableNames = {USE_CASE, INPUT, DRAFT})
class ScreenDraftWorker extends PooledWorker {

  private final ScreeningService screening;
  private final ObjectMapper json;

  ScreenDraftWorker(ScreeningService screening, LlmTaskExecutor executor, ObjectMapper json) {
    super(executor);
    this.screening = screening;
    this.json = json;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) throws Exception {
    Screening result = screening.screen(task.getVariable(USE_CASE), task.getVariable(INPUT), task.getVariable(DRAFT));
    Map<String, Object> variables = new HashMap<>();
    variables.put(PII_FOUND, result.piiFound());
    variables.put(POLICY_HIT, result.policyHit());
    variables.put(JUDGE_SCORE, result.judge().score());
    variables.put(FINDINGS, json.writeValueAsString(result.findings()));
    variables.put(FINDINGS_SUMMARY, result.summary());
    variables.put(FINDINGS_SUMMARY_BLIND, result.blindSummary());
    return variables;
  }
}
