package dev.countersign.generation;

import dev.countersign.memory.CorrectionMemory;

/** A generated draft and where it came from, including the memories it was written with. */
public record Draft(String text, String model, String promptVersion, Integer promptTokens, Integer completionTokens,
    CorrectionMemory.Recall memories) {}
