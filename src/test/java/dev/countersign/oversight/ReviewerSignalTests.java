package dev.countersign.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewerSignalTests {

  private static final ReviewerThresholds LIMITS = new ReviewerThresholds(30, 20, 0.95, 5, 0.2, 10, 10, 0.8, 600_000);

  @Test
  void aRubberStampCrossesEveryThreshold() {
    ReviewerSignal signal = ReviewerSignal.of("stamp", decisions(25, "approve", 2), ReviewerSignal.Gold.NONE, LIMITS);
    assertThat(signal.decisions()).isEqualTo(25);
    assertThat(signal.acceptWithoutEditRate()).isEqualTo(1.0);
    assertThat(signal.medianSecondsOnTask()).isEqualTo(2.0);
    assertThat(signal.fastShare()).isEqualTo(1.0);
    assertThat(signal.reasons()).containsExactly("accepted 100% of drafts without an edit (limit 95%)",
        "decided 100% in under 5 s (limit 20%)", "median time on task 2.0 s (limit 10 s)");
    assertThat(signal.flagged()).isTrue();
  }

  @Test
  void aCarefulReviewerIsNotFlagged() {
    List<ReviewerSignal.Decided> decisions = decisions(15, "approve", 90);
    decisions.addAll(decisions(5, "edit", 300));
    decisions.addAll(decisions(4, "approve", 3));
    ReviewerSignal signal = ReviewerSignal.of("careful", decisions, ReviewerSignal.Gold.NONE, LIMITS);
    assertThat(signal.acceptWithoutEditRate()).isEqualTo(19 / 24.0);
    assertThat(signal.fastShare()).isEqualTo(4 / 24.0);
    assertThat(signal.medianSecondsOnTask()).isEqualTo(90.0);
    assertThat(signal.flagged()).isFalse();
  }

  @Test
  void fewDecisionsAreNeverFlagged() {
    assertThat(ReviewerSignal.of("new", decisions(19, "approve", 1), ReviewerSignal.Gold.NONE, LIMITS).flagged()).isFalse();
  }

  @Test
  void anAnnotatorUnderTheGoldAccuracyFloorIsFlaggedOnceThereAreEnoughGoldItems() {
    ReviewerSignal careless = ReviewerSignal.of("annotator", List.of(), new ReviewerSignal.Gold(12, 8), LIMITS);
    assertThat(careless.goldAccuracy()).isEqualTo(8 / 12.0);
    assertThat(careless.decisions()).isZero();
    assertThat(careless.acceptWithoutEditRate()).as("no decisions, no rate").isNull();
    assertThat(careless.reasons()).containsExactly("labeled 67% of 12 gold items right (floor 80%)");

    assertThat(ReviewerSignal.of("annotator", List.of(), new ReviewerSignal.Gold(12, 10), LIMITS).flagged()).isFalse();
    assertThat(ReviewerSignal.of("annotator", List.of(), new ReviewerSignal.Gold(9, 0), LIMITS).flagged())
        .as("nine gold items are too few to judge").isFalse();
    ReviewerSignal both = ReviewerSignal.of("stamp", decisions(25, "approve", 2), new ReviewerSignal.Gold(10, 5), LIMITS);
    assertThat(both.reasons()).hasSize(4).last().asString().startsWith("labeled 50% of 10 gold items");
  }

  private static List<ReviewerSignal.Decided> decisions(int n, String decision, int seconds) {
    List<ReviewerSignal.Decided> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new ReviewerSignal.Decided(decision, Duration.ofSeconds(seconds)));
    }
    return list;
  }
}
