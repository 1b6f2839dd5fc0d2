package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.system.Decision;
import org.junit.jupiter.api.Test;

class ReviewDecisionTests {

  @Test
  void approvalOfChangedTextIsRecordedAsAnEdit() {
    assertThat(ReviewDecision.of("approve", null, "New text", "Old text")).isEqualTo(new ReviewDecision(Decision.EDIT, null, "New text"));
  }

  @Test
  void editThatChangedOnlyWhitespaceIsAnApproval() {
    assertThat(ReviewDecision.of("edit", " fine ", "Same  text\n", "Same text").decision()).isEqualTo(Decision.APPROVE);
  }

  @Test
  void rejectionNeedsAReasonAndKeepsNoText() {
    assertThatThrownBy(() -> ReviewDecision.of("reject", "  ", "x", "x")).hasMessageContaining("needs a reason");
    assertThat(ReviewDecision.of("reject", "Wrong tone", "x", "x")).isEqualTo(new ReviewDecision(Decision.REJECT, "Wrong tone", null));
  }

  @Test
  void unknownOrMissingDecisionIsRefused() {
    assertThatThrownBy(() -> ReviewDecision.of(null, null, "x", "x")).hasMessageContaining("approve, edit or reject");
    assertThatThrownBy(() -> ReviewDecision.of("maybe", null, "x", "x")).hasMessageContaining("'maybe'");
  }

  @Test
  void approvedTextCannotBeEmpty() {
    assertThatThrownBy(() -> ReviewDecision.of("approve", null, " ", "x")).hasMessageContaining("cannot be empty");
  }
}
