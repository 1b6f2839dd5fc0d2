package dev.countersign.feedback;

/**
 * Which decided requests teach and which test, as SQL conditions on {@code cs_feedback}, so every
 * query that learns from feedback means the same by it.
 */
public final class Examples {

  /**
   * Decided by a person, on a text a model or person wrote: never an auto-approval nor the offline
   * drafter's placeholder, so learning never takes in what no person meant.
   */
  static final String BY_PERSON = "decision <> 'auto' and placeholder = false";

  /** Approved by a person, with the text they stood behind. */
  static final String APPROVED = "outcome = 'APPROVED' and final_text is not null and " + BY_PERSON;

  /**
   * Not kept apart for evaluation: learning from the held-out split would hand evaluations their
   * answers. A row from before the split counts here until the start-up backfill places it.
   */
  static final String NOT_HELD_OUT = "coalesce(held_out, false) = false";

  /** What memory recalls, datasets export and retraining counts. */
  public static final String TRAINING = APPROVED + " and " + NOT_HELD_OUT;

  /** What a candidate is evaluated on. */
  static final String HELD_OUT = APPROVED + " and held_out = true";

  private Examples() {}
}
