package dev.countersign.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.review.DecisionRecord;
import java.time.Instant;
import java.util.List;

/** Everything known about one review request, as {@code GET /api/reviews/{id}} returns it. */
record ReviewView(
    String id,
    String status,
    String processInstanceId,
    String useCase,
    String riskTier,
    String input,
    String requester,
    Instant createdAt,
    int attempts,
    Draft currentDraft,
    List<Draft> drafts,
    List<DecisionRecord> decisions,
    String outcome,
    String finalOutput,
    List<Incident> incidents) {

  record Draft(int attempt, String text, String model, String promptVersion, Integer promptTokens,
      Integer completionTokens, Screening screening, Instant createdAt) {}

  record Screening(Boolean piiFound, Boolean policyHit, Double judgeScore, JsonNode findings) {}

  record Incident(String activityId, String message, Instant createdAt) {}
}
