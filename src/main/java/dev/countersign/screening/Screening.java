package dev.countersign.screening;

import java.util.List;

/** All that screening found in one draft. */
record Screening(List<Finding> findings, JudgeScore judge) {

  boolean piiFound() {
    return findings.stream().anyMatch(f -> f.kind().isPii());
  }

  boolean policyHit() {
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.POLICY_TERM);
  }

  /** Plain lines for the reviewer's form. */
  String summary() {
    return summary(findings);
  }

  /** The same without the judge's verdict, for blind review. */
  String blindSummary() {
    return summary(findings.stream()
        .filter(f -> f.kind() != Finding.Kind.JUDGE && f.kind() != Finding.Kind.JUDGE_UNAVAILABLE).toList());
  }

  private static String summary(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "No findings.";
    }
    StringBuilder text = new StringBuilder();
    for (Finding f : findings) {
      text.append("- ").append(f.kind().label).append(": ").append(f.detail()).append('\n');
    }
    return text.toString().strip();
  }
}
