package dev.countersign.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * Which numbered changes an index has applied. Numbers are handed out when a transaction writes
 * and become visible when it commits, so a smaller number may appear after a larger one: a gap
 * below the highest applied change is waited for, up to {@code patience} (a rolled-back
 * transaction leaves a gap for good), and its change is applied whenever it turns up.
 */
final class ChangeCursor {

  private final Duration patience;
  /** Every change up to here is applied, or was waited for long enough. */
  private long floor;
  private final NavigableSet<Long> applied = new TreeSet<>();
  private final Map<Long, Instant> missingSince = new HashMap<>();

  ChangeCursor(long floor, Duration patience) {
    this.floor = floor;
    this.patience = patience;
  }

  long floor() {
    return floor;
  }

  /** Changes after this one are new. */
  long newest() {
    return applied.isEmpty() ? floor : applied.last();
  }

  /** Numbers between the floor and the newest change that have not turned up yet. */
  Set<Long> missing() {
    return Set.copyOf(LongStream.rangeClosed(floor + 1, newest()).filter(seq -> !applied.contains(seq)).boxed().toList());
  }

  boolean isApplied(long seq) {
    return seq <= floor || applied.contains(seq);
  }

  /** Records changes as applied, then moves the floor over what is applied and over gaps waited for long enough. */
  void applied(List<DecidedRequests.Change> changes, Instant now) {
    changes.forEach(change -> {
      if (change.seq() > floor) {
        applied.add(change.seq());
      }
    });
    missing().forEach(seq -> missingSince.putIfAbsent(seq, now));
    while (floor < newest()) {
      long next = floor + 1;
      if (applied.remove(next)) {
        missingSince.remove(next);
        floor = next;
      } else if (!missingSince.get(next).plus(patience).isAfter(now)) {
        missingSince.remove(next);
        floor = next;
      } else {
        break;
      }
    }
  }
}
