package dev.countersign.review;

import java.util.Optional;

/**
 * Who may not decide on a review task: the requester, on any of their own request's tasks; and
 * whoever approved the draft, on its second review. Checked by the engine on claim and on
 * completion, so no client can get round it.
 */
final class SeparationOfDuties {

  private SeparationOfDuties() {}

  /** Why {@code person} may not decide {@code taskKey}, or empty when they may. */
  static Optional<String> refusal(String taskKey, String person, String requester, String firstReviewer) {
    if (person == null) {
      return Optional.empty();
    }
    if (person.equals(requester)) {
      return Optional.of("Separation of duties: " + person + " requested this review and may not review it");
    }
    if (LlmOutputReview.Elements.SECOND_REVIEW.equals(taskKey) && person.equals(firstReviewer)) {
      return Optional.of("Four eyes: " + person + " approved this draft, so the second review must be done by "
          + "someone else");
    }
    return Optional.empty();
  }
}
