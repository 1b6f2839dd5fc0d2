package dev.countersign.screening;

/** A judge's confidence (0..1) that a draft can go out as is; {@code score} is null when no judge could tell. */
public record JudgeScore(Double score, String rationale, String judge) {}
