package dev.countersign.generation;

/** What a draft is written from; the last two are set when a reviewer rejected the previous draft. */
public record DraftRequest(String useCase, String input, String rejectedDraft, String reviewerFeedback) {

  boolean isRevision() {
    return reviewerFeedback != null && !reviewerFeedback.isBlank();
  }
}
