package dev.countersign.review;

import java.util.Set;

/**
 * What a person decided, checked. {@code edit} means approved with changes: a decision of
 * {@code approve} whose text differs from the generated draft is recorded as an edit, and an
 * {@code edit} that changed nothing as an approval, so the record says what really happened.
 */
record ReviewDecision(String decision, String reason, String finalText) {

  static final String APPROVE = "approve";
  static final String EDIT = "edit";
  static final String REJECT = "reject";
  private static final Set<String> DECISIONS = Set.of(APPROVE, EDIT, REJECT);

  static ReviewDecision of(String decision, String reason, String reviewedText, String generatedDraft) {
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("The decision must be one of approve, edit or reject, not '" + decision + "'");
    }
    String why = blankToNull(reason);
    if (REJECT.equals(decision)) {
      if (why == null) {
        throw new IllegalArgumentException("A rejection needs a reason: the next draft is written from it");
      }
      return new ReviewDecision(REJECT, why, null);
    }
    if (blankToNull(reviewedText) == null) {
      throw new IllegalArgumentException("An approved text cannot be empty; reject the draft instead");
    }
    boolean changed = !normalise(reviewedText).equals(normalise(generatedDraft));
    return new ReviewDecision(changed ? EDIT : APPROVE, why, reviewedText);
  }

  boolean isReject() {
    return REJECT.equals(decision);
  }

  private static String normalise(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
