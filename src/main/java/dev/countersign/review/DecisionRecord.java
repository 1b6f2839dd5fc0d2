package dev.countersign.review;

import java.time.Instant;

/** One person's decision on a draft. */
public record DecisionRecord(
    int attempt,
    String task,
    String reviewer,
    String decision,
    String reason,
    String finalText,
    String rubricJson,
    Instant taskCreatedAt,
    Instant decidedAt) {}
