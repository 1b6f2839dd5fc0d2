package dev.countersign.screening;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All that screening found in one draft. */
public record Screening(List<Finding> findings, JudgeScore judge) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the rules found, then the judge's verdict, or that it could not give one. */
  public static Screening of(List<Finding> ruleFindings, JudgeScore score) {
    List<Finding> findings = new ArrayList<>(ruleFindings);
    findings.add(score.score() == null
        ? new Finding(Finding.Kind.JUDGE_UNAVAILABLE, score.rationale())
        : new Finding(Finding.Kind.JUDGE, String.format("%.2f by %s: %s", score.score(), score.judge(), score.rationale())));
    return new Screening(List.copyOf(findings), score);
  }

  /** What "Screen draft" hands back to llm-output-review. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(PII_FOUND, piiFound());
    variables.put(POLICY_HIT, policyHit());
    variables.put(JUDGE_SCORE, judge.score());
    try {
      variables.put(FINDINGS, JSON.writeValueAsString(findings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    variables.put(FINDINGS_SUMMARY, summary());
    variables.put(FINDINGS_SUMMARY_BLIND, blindSummary());
    return variables;
  }

  boolean piiFound() {
    return findings.stream().anyMatch(f -> f.kind().isPii());
  }

  boolean policyHit() {
    return findings.stream().anyMatch(f -> f.kind().isPolicy());
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
