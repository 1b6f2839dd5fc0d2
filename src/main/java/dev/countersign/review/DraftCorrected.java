package dev.countersign.review;

/**
 * A person edited or rejected a draft: published in the transaction that records the decision, so
 * that whatever the draft was written from can learn that it was corrected.
 *
 * @param decision {@code edit} or {@code reject}
 */
public record DraftCorrected(String requestId, int attempt, String reviewer, String decision, String reason) {}
