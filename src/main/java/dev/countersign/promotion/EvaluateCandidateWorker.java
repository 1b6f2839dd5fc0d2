package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.system.InAppWorkers;
import dev.countersign.system.PooledWorker;
import dev.countersign.system.WorkerPool;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** "Evaluate candidate" (topic {@code llm-evaluate}): many LLM calls, so it runs on the workers' pool. */
@Component
@InAppWorkers
@ExternalTaskSubscription(topicName = CandidatePromotion.EVALUATE_TOPIC, variableNames = {USE_CASE, CANDIDATE_KIND, CANDIDATE_VERSION})
class EvaluateCandidateWorker extends PooledWorker {

  private final CandidateEvaluator evaluator;

  EvaluateCandidateWorker(CandidateEvaluator evaluator, WorkerPool pool) {
    super(pool);
    this.evaluator = evaluator;
  }

  @Override
  protected Map<String, Object> work(ExternalTask task) {
    String kind = task.getVariable(CANDIDATE_KIND);
    return evaluator.evaluate(task.getVariable(USE_CASE),
        CandidatePromotion.MODEL.equals(kind) ? CandidateEvaluator.Kind.MODEL : CandidateEvaluator.Kind.PROMPT,
        task.getVariable(CANDIDATE_VERSION)).variables();
  }
}
