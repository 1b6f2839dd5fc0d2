package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.system.WordDiff.Op;
import dev.countersign.system.WordDiff.Segment;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WordDiffTests {

  @Test
  void anEditedWordIsRemovedAndAddedAndTheRestIsKept() {
    List<Segment> diff = WordDiff.of("Your refund arrives in five working days.", "Your refund arrives in three working days.");

    assertThat(diff).containsExactly(new Segment(Op.SAME, "Your refund arrives in "), new Segment(Op.REMOVED, "five "),
        new Segment(Op.ADDED, "three "), new Segment(Op.SAME, "working days."));
  }

  @Test
  void eachSideIsItsTextAgain() {
    String before = "We cannot refund you.\nPlease  call us on Monday, or write to us.";
    String after = "We can refund you today.\nPlease write to us, or call us on Monday.";

    List<Segment> diff = WordDiff.of(before, after);

    assertThat(side(diff, Op.ADDED)).isEqualTo(before);
    assertThat(side(diff, Op.REMOVED)).isEqualTo(after);
    assertThat(diff).extracting(Segment::op).contains(Op.SAME, Op.REMOVED, Op.ADDED);
  }

  @Test
  void emptyAndMissingTexts() {
    assertThat(WordDiff.of(null, "New text")).containsExactly(new Segment(Op.ADDED, "New text"));
    assertThat(WordDiff.of("Old text", "")).containsExactly(new Segment(Op.REMOVED, "Old text"));
    assertThat(WordDiff.of("Same", "Same")).containsExactly(new Segment(Op.SAME, "Same"));
  }

  @Test
  void aHugeChangedMiddleIsShownAsReplacedWhole() {
    String before = "start " + "alpha ".repeat(3_000) + "end";
    String after = "start " + "beta ".repeat(3_000) + "end";

    List<Segment> diff = WordDiff.of(before, after);

    assertThat(diff).extracting(Segment::op).containsExactly(Op.SAME, Op.REMOVED, Op.ADDED, Op.SAME);
    assertThat(side(diff, Op.ADDED)).isEqualTo(before);
  }

  /** The text on one side: every segment but those of the other side's only operation. */
  private static String side(List<Segment> diff, Op leftOut) {
    return diff.stream().filter(s -> s.op() != leftOut).map(Segment::text).collect(Collectors.joining());
  }
}
