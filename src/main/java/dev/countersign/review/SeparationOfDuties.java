package dev.countersign.review;

import java.util.Collection;
import java.util.Optional;

/**
 * Who may not decide on a review task: the requester, on any of their own request's tasks;
 * whoever approved the draft, on its second review; a panel member, on a second seat of the same
 * panel and on its adjudication. Checked by the engine on claim and on completion, so no client can
 * get round it.
 */
final class SeparationOfDuties {

  private SeparationOfDuties() {}

  /**
   * Why {@code person} may not decide {@code taskKey}, or empty when they may.
   *
   * @param panel who already sits on this draft's panel (decided, or holds another of its tasks)
   */
  static Optional<String> refusal(String taskKey, String person, String requester, String firstReviewer,
      Collection<String> panel) {
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
    if (LlmOutputReview.Elements.PANEL_REVIEW.equals(taskKey) && panel.contains(person)) {
      return Optional.of("Distinct reviewers: " + person + " already reviews this draft in its panel, and each "
          + "decision must come from a different person");
    }
    if (LlmOutputReview.Elements.ADJUDICATE_DRAFT.equals(taskKey) && panel.contains(person)) {
      return Optional.of("Four eyes: " + person + " sat on this draft's panel, so someone who did not must "
          + "adjudicate it");
    }
    return Optional.empty();
  }
}
