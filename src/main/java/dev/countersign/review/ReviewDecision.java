package dev.countersign.review;

import dev.countersign.system.Decision;
import dev.countersign.system.WordDiff;

/**
 * What a person decided, checked. {@code edit} means approved with changes: a decision of
 * {@code approve} whose text differs from the generated draft is recorded as an edit, and an
 * {@code edit} that changed nothing as an approval, so the record says what really happened.
 */
record ReviewDecision(Decision decision, String reason, String finalText) {

  static ReviewDecision of(String decision, String reason, String reviewedText, String generatedDraft) {
    Decision said = Decision.parse(decision);
    String why = blankToNull(reason);
    if (said == Decision.REJECT) {
      if (why == null) {
        throw new IllegalArgumentException("A rejection needs a reason: the next draft is written from it");
      }
      return new ReviewDecision(Decision.REJECT, why, null);
    }
    if (blankToNull(reviewedText) == null) {
      throw new IllegalArgumentException("An approved text cannot be empty; reject the draft instead");
    }
    // An edit that only re-wrapped the text changed nothing.
    boolean changed = !WordDiff.normalise(reviewedText).equals(WordDiff.normalise(generatedDraft));
    return new ReviewDecision(changed ? Decision.EDIT : Decision.APPROVE, why, reviewedText);
  }

  boolean isReject() {
    return decision == Decision.REJECT;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
