package dev.countersign.screening;

import dev.countersign.review.ApprovedTextCheck;
import dev.countersign.review.Placeholders;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * PII, policy terms and a judge's score for one draft, and the same rules for its input and for
 * the text a person approves. Engine-free.
 */
@Service
class ScreeningService implements ApprovedTextCheck {

  private final PiiDetector pii = new PiiDetector();
  private final PolicyRules policy;
  private final DraftJudge judge;

  ScreeningService(ScreeningProperties properties, DraftJudge judge) {
    this.policy = new PolicyRules(properties.policyTerms());
    this.judge = judge;
  }

  /** The draft's findings, then its input's, each of those marked as such, then the judge's score. */
  Screening screen(String useCase, String input, String draft) {
    List<Finding> findings = new ArrayList<>(rules(draft));
    rules(input == null ? "" : input).forEach(f -> findings.add(new Finding(f.kind(), "in the input: " + f.detail())));
    return Screening.of(findings, judge.judge(useCase, input, draft));
  }

  /** What the rules find without the judge: the placeholder, PII, then policy terms. */
  List<Finding> rules(String text) {
    List<Finding> findings = new ArrayList<>();
    if (Placeholders.isPlaceholder(text)) {
      findings.add(new Finding(Finding.Kind.PLACEHOLDER,
          "no language model wrote this draft; write the reply or reject it"));
    }
    findings.addAll(pii.detect(text));
    findings.addAll(policy.check(text));
    return findings;
  }

  @Override
  public List<String> findings(String text) {
    return rules(text).stream().map(f -> f.kind().label + ": " + f.detail()).toList();
  }
}
