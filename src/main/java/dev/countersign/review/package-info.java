/**
 * The llm-output-review process: its constants, the reviewers' decisions and separation of duties,
 * the draft and decision records, and the audit of every user task. Uses oversight and system.
 */
package dev.countersign.review;
