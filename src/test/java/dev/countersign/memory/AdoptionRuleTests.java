package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.memory.AdoptionRule.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionRuleTests {

  private final AdoptionRule rule = new AdoptionRule(0.70, 0.03);

  @Test
  void adoptsTheNearestAnswerWhenItIsSimilarEnoughAndClearlyNearest() {
    AdoptionRule.Verdict verdict = rule.decide(List.of(new Candidate("Pause under Plan.", 0.82),
        new Candidate("Cancel under Plan.", 0.78)));

    assertThat(verdict.adopted()).isTrue();
    assertThat(verdict.answer()).isEqualTo("Pause under Plan.");
    assertThat(verdict.tooClose()).isEmpty();
    assertThat(rule.decide(List.of(new Candidate("Only one.", 0.70))).answer()).isEqualTo("Only one.");
  }

  @Test
  void adoptsNothingBelowTheThresholdOrWithoutCandidates() {
    assertThat(rule.decide(List.of(new Candidate("Far.", 0.69), new Candidate("Farther.", 0.50))))
        .isEqualTo(new AdoptionRule.Verdict(null, List.of()));
    assertThat(rule.decide(List.of()).adopted()).isFalse();
  }

  @Test
  void nearMissesAreTooCloseToCallAndAreAllNamed() {
    Candidate pause = new Candidate("Pause under Plan.", 0.80);
    Candidate cancel = new Candidate("Cancel under Plan.", 0.78);
    Candidate delete = new Candidate("Delete under Account.", 0.771);
    Candidate far = new Candidate("Opening hours.", 0.60);

    AdoptionRule.Verdict verdict = rule.decide(List.of(pause, cancel, delete, far));

    assertThat(verdict.adopted()).isFalse();
    assertThat(verdict.tooClose()).containsExactly(pause, cancel, delete);
  }
}
