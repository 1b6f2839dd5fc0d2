package dev.countersign.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts, for showing a reviewer's edit or a redraft. Words keep the
 * whitespace after them, so joining a side's segments gives that text back exactly. The common
 * start and end are cut first; what is left is diffed by longest common subsequence when it is
 * small enough, and otherwise shown as replaced whole, so a huge text costs bounded memory.
 */
public final class WordDiff {

  public enum Op { SAME, REMOVED, ADDED }

  public record Segment(Op op, String text) {}

  /** Cells of the subsequence table beyond which the changed middle is shown as replaced whole. */
  static final long MAX_CELLS = 4_000_000;

  private static final Pattern WORD = Pattern.compile("\\s+|\\S+\\s*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private WordDiff() {}

  /** Whitespace runs as one space, ends trimmed: texts equal by this differ only in wrapping. */
  public static String normalise(String text) {
    return text == null ? "" : WHITESPACE.matcher(text.strip()).replaceAll(" ");
  }

  public static List<Segment> of(String before, String after) {
    List<String> a = words(before == null ? "" : before);
    List<String> b = words(after == null ? "" : after);
    int start = 0;
    while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
      start++;
    }
    int endA = a.size();
    int endB = b.size();
    while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
      endA--;
      endB--;
    }
    Segments out = new Segments();
    a.subList(0, start).forEach(w -> out.add(Op.SAME, w));
    middle(a.subList(start, endA), b.subList(start, endB), out);
    a.subList(endA, a.size()).forEach(w -> out.add(Op.SAME, w));
    return out.list;
  }

  private static void middle(List<String> a, List<String> b, Segments out) {
    if ((long) a.size() * b.size() > MAX_CELLS) {
      a.forEach(w -> out.add(Op.REMOVED, w));
      b.forEach(w -> out.add(Op.ADDED, w));
      return;
    }
    // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        out.add(Op.SAME, a.get(i++));
        j++;
      } else if (common[i + 1][j] >= common[i][j + 1]) {
        out.add(Op.REMOVED, a.get(i++));
      } else {
        out.add(Op.ADDED, b.get(j++));
      }
    }
    a.subList(i, a.size()).forEach(w -> out.add(Op.REMOVED, w));
    b.subList(j, b.size()).forEach(w -> out.add(Op.ADDED, w));
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /** Adjacent words with the same operation become one segment. */
  private static final class Segments {
    final List<Segment> list = new ArrayList<>();

    void add(Op op, String word) {
      int last = list.size() - 1;
      if (last >= 0 && list.get(last).op() == op) {
        list.set(last, new Segment(op, list.get(last).text() + word));
      } else {
        list.add(new Segment(op, word));
      }
    }
  }
}
