package dev.countersign.oversight;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countersign.system.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One reviewer's decisions in the window, as signals of rubber-stamping, and which thresholds
 * they cross.
 *
 * @param acceptWithoutEditRate decisions that approved the draft unchanged, over all decisions
 * @param medianSecondsOnTask from claim (or, unclaimed, from creation) to decision
 * @param fastShare decisions made in under {@code fastSeconds}
 */
public record ReviewerSignal(String reviewer, int decisions, double acceptWithoutEditRate, double medianSecondsOnTask,
    double fastShare, List<String> reasons) {

  /** One decision: what it was and how long it took. */
  record Decided(String decision, Duration onTask) {}

  @JsonProperty("flagged")
  public boolean flagged() {
    return !reasons.isEmpty();
  }

  static ReviewerSignal of(String reviewer, List<Decided> decisions, ReviewerThresholds limits) {
    int n = decisions.size();
    double accepted = decisions.stream().filter(d -> Decision.APPROVE.is(d.decision())).count() / (double) n;
    double[] seconds = decisions.stream().mapToDouble(d -> d.onTask().toMillis() / 1000.0).sorted().toArray();
    double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    double fast = decisions.stream().filter(d -> d.onTask().toMillis() < limits.fastSeconds() * 1000).count() / (double) n;
    List<String> reasons = new ArrayList<>();
    if (n >= limits.minDecisions()) {
      if (accepted > limits.maxAcceptWithoutEditRate()) {
        reasons.add(String.format("accepted %.0f%% of drafts without an edit (limit %.0f%%)", accepted * 100,
            limits.maxAcceptWithoutEditRate() * 100));
      }
      if (fast > limits.maxFastShare()) {
        reasons.add(String.format("decided %.0f%% in under %.0f s (limit %.0f%%)", fast * 100, limits.fastSeconds(),
            limits.maxFastShare() * 100));
      }
      if (median < limits.minMedianSeconds()) {
        reasons.add(String.format("median time on task %.1f s (limit %.0f s)", median, limits.minMedianSeconds()));
      }
    }
    return new ReviewerSignal(reviewer, n, accepted, median, fast, List.copyOf(reasons));
  }
}
