/**
 * Embeddings (bge-small or MiniLM in process, or a provider's) and few-shot memory recalled by similarity. Reads
 * decided requests through DecidedRequests, which the feedback store answers; imports no feature package.
 */
package dev.countersign.memory;
