package dev.countersign.review;

import java.time.Instant;

/** One generated draft of a request, with what screening found in it and the memories it was written with. */
public record DraftRecord(
    int attempt,
    String text,
    String model,
    String promptVersion,
    Integer promptTokens,
    Integer completionTokens,
    Boolean piiFound,
    Boolean policyHit,
    Double judgeScore,
    String findingsJson,
    Instant createdAt,
    String memoriesJson) {}
