/**
 * Embeddings (in-process MiniLM or a provider's) and few-shot memory recalled by similarity. Reads
 * the feedback table and imports only system (the decisions it spells).
 */
package dev.countersign.memory;
