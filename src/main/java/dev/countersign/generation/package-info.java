/**
 * Drafting: versioned prompts, the draft generator, the offline model and the llm-generate worker.
 * Uses review, memory and system; asks promotion for the champion through {@link DraftingChampions}.
 */
package dev.countersign.generation;
