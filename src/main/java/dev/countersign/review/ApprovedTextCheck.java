package dev.countersign.review;

import java.util.List;

/**
 * Screening's rules (personal data, policy terms) for the text a person is about to approve. Owned
 * here and implemented by screening, so a decision is checked on what is approved, not only on
 * what the model drafted.
 */
public interface ApprovedTextCheck {

  /** What the rules find in {@code text}, one line each, never repeating personal data in full; empty when nothing. */
  List<String> findings(String text);
}
