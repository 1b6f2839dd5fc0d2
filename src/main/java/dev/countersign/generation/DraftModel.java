package dev.countersign.generation;

import java.time.Instant;

/**
 * A model to draft with, as drafting needs to know it.
 *
 * @param name how people and the evidence trail name it, for example {@code model-7}
 * @param providerModel the model id to ask the provider for; null: the configured one
 * @param memoryUntil for a memory snapshot, recall only what was decided before this; null: live memory
 */
public record DraftModel(String name, String providerModel, Instant memoryUntil) {}
