package dev.countersign.screening;

import org.springframework.stereotype.Component;

/** The rule-based part of screening (PII and policy terms), without the judge: cheap enough to run on every evaluation draft. */
@Component
public class RuleChecks {

  private final ScreeningService screening;

  RuleChecks(ScreeningService screening) {
    this.screening = screening;
  }

  public int findings(String draft) {
    return screening.rules(draft).size();
  }
}
