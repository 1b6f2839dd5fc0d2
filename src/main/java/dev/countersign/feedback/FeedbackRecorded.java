package dev.countersign.feedback;

/**
 * Published, in the engine's transaction, once a decided request is in the feedback store: rooms
 * that learn from feedback listen instead of being called from here.
 */
public record FeedbackRecorded(String requestId, String useCase, String outcome) {

  public boolean approved() {
    return FeedbackStore.APPROVED.equals(outcome);
  }
}
