package dev.countersign.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The model owner's decision on a candidate, as the Tasklist form or REST would submit it. */
class PromotionsTests {

  @Test
  void acceptsAnApprovalOrRejectionWithAReasonBySomeoneOtherThanTheProposer() {
    assertThatCode(() -> Promotions.checkDecision("approve", "Better on held-out", "owner", "model-retraining", null))
        .doesNotThrowAnyException();
    assertThatCode(() -> Promotions.checkDecision("reject", "Worse judge score", "owner", "someone", null))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAnEditADecisionWithoutAReasonAndTheProposerDecidingOnTheirOwnCandidate() {
    assertThatThrownBy(() -> Promotions.checkDecision("edit", "why", "owner", "other", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approve or reject, not 'edit'");
    assertThatThrownBy(() -> Promotions.checkDecision("approve", " ", "owner", "other", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
    assertThatThrownBy(() -> Promotions.checkDecision("approve", "mine is better", "owner", "owner", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Four eyes: owner proposed");
  }

  @Test
  void refusesToPromoteACandidateEvaluatedOnFewerHeldOutExamplesThanTheMinimumButLetsItBeRejected() {
    String none = Promotions.evidenceShortfall(0, 5);
    assertThat(none).startsWith("Evaluated on 0 held-out examples, and promotion needs at least 5");
    assertThat(Promotions.evidenceShortfall(null, 5)).isEqualTo(none);
    assertThat(Promotions.evidenceShortfall(1, 5)).startsWith("Evaluated on 1 held-out example,");
    assertThat(Promotions.evidenceShortfall(5, 5)).isNull();
    assertThatThrownBy(() -> Promotions.checkDecision("approve", "Looks fine", "owner", "other", none))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("No promotion without evidence. Evaluated on 0");
    assertThatCode(() -> Promotions.checkDecision("reject", "Nothing to go on", "owner", "other", none))
        .doesNotThrowAnyException();
  }
}
