package dev.countersign.screening;

import org.springframework.stereotype.Component;

/** Screening's checks one at a time, for measuring drafts that no person will review (evaluations). */
@Component
public class DraftChecks {

  private final ScreeningService screening;
  private final DraftJudge judge;

  DraftChecks(ScreeningService screening, DraftJudge judge) {
    this.screening = screening;
    this.judge = judge;
  }

  /** PII and policy-term findings. */
  public int findings(String draft) {
    return screening.rules(draft).size();
  }

  /** The configured judge's score (0..1), or null when it could not tell. */
  public Double judgeScore(String useCase, String input, String draft) {
    return judge.judge(useCase, input, draft).score();
  }
}
