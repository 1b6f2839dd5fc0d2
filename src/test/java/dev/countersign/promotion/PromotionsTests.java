package dev.countersign.promotion;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The model owner's decision on a candidate, as the Tasklist form or REST would submit it. */
class PromotionsTests {

  @Test
  void acceptsAnApprovalOrRejectionWithAReasonBySomeoneOtherThanTheProposer() {
    assertThatCode(() -> Promotions.checkDecision("approve", "Better on held-out", "owner", "model-retraining"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Promotions.checkDecision("reject", "Worse judge score", "owner", "someone"))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAnEditADecisionWithoutAReasonAndTheProposerDecidingOnTheirOwnCandidate() {
    assertThatThrownBy(() -> Promotions.checkDecision("edit", "why", "owner", "other"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approve or reject, not 'edit'");
    assertThatThrownBy(() -> Promotions.checkDecision("approve", " ", "owner", "other"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
    assertThatThrownBy(() -> Promotions.checkDecision("approve", "mine is better", "owner", "owner"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Four eyes: owner proposed");
  }
}
