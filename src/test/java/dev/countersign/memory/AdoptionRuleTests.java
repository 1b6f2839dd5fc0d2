package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.countersign.memory.AdoptionRule.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionRuleTests {

  private static final double ONCE = Double.NaN;

  private final AdoptionRule rule = new AdoptionRule(0.70, 0.03, 0.08, 0.55);

  @Test
  void adoptsTheBestFittingAnswerWhenItFitsWellEnoughAndClearlyBest() {
    AdoptionRule.Verdict verdict = rule.decide(List.of(new Candidate("Pause under Plan.", 0.82, ONCE),
        new Candidate("Cancel under Plan.", 0.78, ONCE)));

    assertThat(verdict.adopted()).isTrue();
    assertThat(verdict.answer()).isEqualTo("Pause under Plan.");
    assertThat(verdict.tooClose()).isEmpty();
    assertThat(rule.decide(List.of(new Candidate("Only one.", 0.70, ONCE))).answer()).isEqualTo("Only one.");
    assertThat(new AdoptionRule(0.70, 0, 0, 0).decide(List.of(new Candidate("Tie.", 0.75, ONCE),
        new Candidate("Other.", 0.75, ONCE))).answer()).as("no margin: the first of a tie").isEqualTo("Tie.");
  }

  @Test
  void adoptsNothingBelowWhatTheAnswerNeedsOrWithoutCandidates() {
    assertThat(rule.decide(List.of(new Candidate("Far.", 0.69, ONCE), new Candidate("Farther.", 0.50, ONCE))))
        .isEqualTo(new AdoptionRule.Verdict(null, List.of()));
    assertThat(rule.decide(List.of()).adopted()).isFalse();
  }

  @Test
  void anAnswerApprovedForRequestsWordedFarApartAcceptsARequestFurtherOut() {
    Candidate learned = new Candidate("Track under Orders.", 0.66, 0.72);

    assertThat(rule.needed(learned)).as("its usual fit less the slack").isCloseTo(0.64, within(1e-9));
    assertThat(rule.decide(List.of(learned)).answer()).isEqualTo("Track under Orders.");
    assertThat(rule.decide(List.of(new Candidate("Track under Orders.", 0.66, ONCE))).adopted())
        .as("approved once: nothing learned, the plain minimum").isFalse();
  }

  @Test
  void whatAnAnswerLearnsNeitherRaisesItAboveTheMinimumNorLowersItBelowTheFloor() {
    assertThat(rule.needed(new Candidate("Near-identical wordings.", 0.0, 0.97))).isEqualTo(0.70);
    assertThat(rule.needed(new Candidate("Wildly different wordings.", 0.0, 0.40))).isEqualTo(0.55);
  }

  @Test
  void nearMissesAreTooCloseToCallAndAreAllNamed() {
    Candidate pause = new Candidate("Pause under Plan.", 0.80, ONCE);
    Candidate cancel = new Candidate("Cancel under Plan.", 0.78, 0.75);
    Candidate delete = new Candidate("Delete under Account.", 0.771, ONCE);
    Candidate far = new Candidate("Opening hours.", 0.60, ONCE);

    AdoptionRule.Verdict verdict = rule.decide(List.of(pause, cancel, delete, far));

    assertThat(verdict.adopted()).isFalse();
    assertThat(verdict.tooClose()).containsExactly(pause, cancel, delete);
  }
}
