package dev.countersign.dashboard;

import dev.countersign.automation.AutomationActivity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the dashboard draws, as {@code GET /api/dashboard/figures} returns it. */
record DashboardFigures(
    Instant at,
    Duration window,
    List<Queue> queue,
    List<Decisions> decisionsPerHour,
    List<TimeToDecision> timeToDecision,
    List<TaskDecisions> escalationsAndCompliance,
    Incidents incidents,
    List<WorkerStage> llm,
    List<Tokens> tokens,
    String currency,
    Automation automation,
    Learning learning) {

  /** Open tasks of one candidate group by age, and how many are overdue (escalated by a missed deadline). */
  record Queue(String group, long underOneHour, long oneToEightHours, long eightToTwentyFourHours,
      long olderThanADay, long overdue) {}

  /** Decisions in one hour (UTC, {@code yyyy-MM-dd HH:00}) for one use case. */
  record Decisions(String hour, String useCase, String decision, long count) {}

  record TimeToDecision(String riskTier, long decisions, double p50Minutes, double p90Minutes) {}

  /** Decisions on escalated reviews and compliance decisions, by task and decision. */
  record TaskDecisions(String task, String decision, long count) {}

  record Incidents(long open, List<Incident> latest) {}

  record Incident(String type, String activityId, String message, String processInstanceId, Instant at,
      String cockpitLink) {}

  /** One worker topic and outcome on this node since it started: calls and latency. */
  record WorkerStage(String topic, String outcome, long calls, double p50Millis, double p95Millis) {}

  /** Tokens drafting used per use case and model; {@code cost} is null where no price is configured. */
  record Tokens(String useCase, String model, long drafts, long promptTokens, long completionTokens,
      BigDecimal cost) {}

  record Automation(AutomationActivity.Recent recent, boolean halted) {}

  record Learning(Map<String, Long> memorySize, List<Champion> champions, List<Retraining> retrainings) {}

  /** What drafts a use case now: its prompt version and, if a retraining was promoted, its model. */
  record Champion(String useCase, String promptVersion, String model) {}

  record Retraining(String useCase, String candidate, String backend, String status, Instant createdAt,
      Instant finishedAt, String error) {}
}
