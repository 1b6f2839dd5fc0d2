package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTests {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private final ChangeCursor cursor = new ChangeCursor(10, Duration.ofSeconds(30));

  @Test
  void theFloorFollowsChangesAppliedInOrder() {
    cursor.applied(changes(11, 12, 13), T0);

    assertThat(cursor.floor()).isEqualTo(13);
    assertThat(cursor.newest()).isEqualTo(13);
    assertThat(cursor.missing()).isEmpty();
    assertThat(cursor.isApplied(12)).isTrue();
    assertThat(cursor.isApplied(14)).isFalse();
  }

  @Test
  void aChangeCommittedLateIsWaitedForAndThenApplied() {
    cursor.applied(changes(11, 13, 14), T0);

    assertThat(cursor.floor()).as("12 is still open elsewhere").isEqualTo(11);
    assertThat(cursor.newest()).isEqualTo(14);
    assertThat(cursor.missing()).containsExactly(12L);
    assertThat(cursor.isApplied(13)).isTrue();

    cursor.applied(changes(12), T0.plusSeconds(5));

    assertThat(cursor.floor()).isEqualTo(14);
    assertThat(cursor.missing()).isEmpty();
  }

  @Test
  void aGapThatNeverFillsIsPassedAfterThePatience() {
    cursor.applied(changes(11, 14), T0);
    cursor.applied(List.of(), T0.plusSeconds(29));
    assertThat(cursor.floor()).isEqualTo(11);
    assertThat(cursor.missing()).containsExactlyInAnyOrder(12L, 13L);

    cursor.applied(List.of(), T0.plusSeconds(30));

    assertThat(cursor.floor()).as("12 and 13 were rolled back: waited for once, together").isEqualTo(14);
    assertThat(cursor.missing()).isEmpty();
  }

  @Test
  void changesAtOrBelowTheFloorAreAlreadyApplied() {
    cursor.applied(changes(9, 10), T0);

    assertThat(cursor.floor()).isEqualTo(10);
    assertThat(cursor.isApplied(3)).isTrue();
    assertThat(cursor.newest()).isEqualTo(10);
  }

  private static List<DecidedRequests.Change> changes(long... seqs) {
    return Arrays.stream(seqs).mapToObj(seq -> new DecidedRequests.Change(seq, "request-" + seq)).toList();
  }
}
