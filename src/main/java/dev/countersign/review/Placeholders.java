package dev.countersign.review;

/**
 * The offline drafter's placeholder: a draft no language model wrote, asking a person to write the
 * reply. It is never an answer: it cannot be approved while it carries this mark, screening flags
 * it, and learning leaves out any row that holds it.
 */
public final class Placeholders {

  /** How every placeholder begins (prompts/offline/v1.fallback.st), and what gives one away in any text. */
  public static final String MARK = "[Drafted without a language model:";

  private Placeholders() {}

  public static boolean isPlaceholder(String text) {
    return text != null && text.contains(MARK);
  }
}
