package dev.countersign.screening;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** PII, policy terms and a judge's score for one draft. Engine-free. */
@Service
class ScreeningService {

  private final PiiDetector pii = new PiiDetector();
  private final PolicyRules policy;
  private final DraftJudge judge;

  ScreeningService(ScreeningProperties properties, DraftJudge judge) {
    this.policy = new PolicyRules(properties.policyTerms());
    this.judge = judge;
  }

  Screening screen(String useCase, String input, String draft) {
    return Screening.of(rules(draft), judge.judge(useCase, input, draft));
  }

  /** What the rules find without the judge: PII, then policy terms. */
  List<Finding> rules(String draft) {
    List<Finding> findings = new ArrayList<>(pii.detect(draft));
    findings.addAll(policy.check(draft));
    return findings;
  }
}
