/**
 * Checks a draft before a person sees it: PII, policy terms and a judge, and the llm-screen worker.
 * Uses review, generation (prompts), memory and system.
 */
package dev.countersign.screening;
