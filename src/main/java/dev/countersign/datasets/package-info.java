/**
 * Training datasets: JSONL formats, the streaming exporter, its record, the API and the export
 * command. Uses feedback, generation (prompts) and system.
 */
package dev.countersign.datasets;
