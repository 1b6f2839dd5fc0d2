package dev.countersign.generation;

/** A generated draft and where it came from. */
record Draft(String text, String model, String promptVersion, Integer promptTokens, Integer completionTokens) {}
