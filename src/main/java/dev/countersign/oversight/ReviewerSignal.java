package dev.countersign.oversight;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countersign.system.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One person's decisions and gold-item labels in the window, as signals of rubber-stamping and of
 * inaccuracy, and which thresholds they cross. A figure with nothing to go on is null.
 *
 * @param acceptWithoutEditRate decisions that approved the draft unchanged, over all decisions
 * @param medianSecondsOnTask from claim (or, unclaimed, from creation) to decision
 * @param fastShare decisions made in under {@code fastSeconds}
 * @param goldItems gold items of labeling projects this person labeled
 * @param goldAccuracy the share of those labeled with the known answer
 */
public record ReviewerSignal(String reviewer, int decisions, Double acceptWithoutEditRate, Double medianSecondsOnTask,
    Double fastShare, int goldItems, Double goldAccuracy, List<String> reasons) {

  /** One decision: what it was and how long it took. */
  record Decided(String decision, Duration onTask) {}

  /** Gold items labeled, and how many with the known answer. */
  record Gold(int items, int correct) {

    static final Gold NONE = new Gold(0, 0);
  }

  @JsonProperty("flagged")
  public boolean flagged() {
    return !reasons.isEmpty();
  }

  static ReviewerSignal of(String reviewer, List<Decided> decisions, Gold gold, ReviewerThresholds limits) {
    List<String> reasons = new ArrayList<>(decisionReasons(decisions, limits));
    Double accuracy = gold.items() == 0 ? null : gold.correct() / (double) gold.items();
    if (gold.items() >= limits.minGoldItems() && accuracy < limits.minGoldAccuracy()) {
      reasons.add(String.format("labeled %.0f%% of %d gold items right (floor %.0f%%)", accuracy * 100, gold.items(),
          limits.minGoldAccuracy() * 100));
    }
    int n = decisions.size();
    if (n == 0) {
      return new ReviewerSignal(reviewer, 0, null, null, null, gold.items(), accuracy, List.copyOf(reasons));
    }
    return new ReviewerSignal(reviewer, n, acceptedShare(decisions), median(decisions), fastShare(decisions, limits),
        gold.items(), accuracy, List.copyOf(reasons));
  }

  private static double acceptedShare(List<Decided> decisions) {
    return decisions.stream().filter(d -> Decision.APPROVE.is(d.decision())).count() / (double) decisions.size();
  }

  private static double median(List<Decided> decisions) {
    int n = decisions.size();
    double[] seconds = decisions.stream().mapToDouble(d -> d.onTask().toMillis() / 1000.0).sorted().toArray();
    return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  }

  private static double fastShare(List<Decided> decisions, ReviewerThresholds limits) {
    return decisions.stream().filter(d -> d.onTask().toMillis() < limits.fastSeconds() * 1000).count()
        / (double) decisions.size();
  }

  private static List<String> decisionReasons(List<Decided> decisions, ReviewerThresholds limits) {
    List<String> reasons = new ArrayList<>();
    if (decisions.isEmpty() || decisions.size() < limits.minDecisions()) {
      return reasons;
    }
    double accepted = acceptedShare(decisions);
    double median = median(decisions);
    double fast = fastShare(decisions, limits);
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
    return reasons;
  }
}
