/**
 * Embeddings (in-process MiniLM or a provider's) and few-shot memory recalled by similarity. Reads
 * the feedback table but imports no feature package.
 */
package dev.countersign.memory;
