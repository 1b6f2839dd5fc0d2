package dev.countersign.system;

/** How much of a text a person changed: Levenshtein distance over the longer text's length. */
public final class EditDistance {

  private EditDistance() {}

  /** 0 for the same text, 1 for nothing in common; time grows with the product of the lengths. */
  public static double normalised(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return (double) previous[b.length()] / Math.max(a.length(), b.length());
  }
}
