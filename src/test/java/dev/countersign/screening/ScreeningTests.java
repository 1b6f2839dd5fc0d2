package dev.countersign.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.review.Placeholders;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreeningTests {

  @Test
  void blindSummaryDropsOnlyTheJudgesVerdict() {
    Screening screening = new Screening(List.of(new Finding(Finding.Kind.PII_EMAIL, "j***@example.com"),
        new Finding(Finding.Kind.JUDGE, "0.42 by gpt-4o-mini")), null);
    assertThat(screening.summary()).isEqualTo("- E-mail address: j***@example.com\n- Judge: 0.42 by gpt-4o-mini");
    assertThat(screening.blindSummary()).isEqualTo("- E-mail address: j***@example.com");
    assertThat(new Screening(List.of(new Finding(Finding.Kind.JUDGE_UNAVAILABLE, "timeout")), null).blindSummary())
        .isEqualTo("No findings.");
  }

  private final ScreeningService service = new ScreeningService(new ScreeningProperties(List.of("risk-free")),
      (useCase, input, draft) -> new JudgeScore(0.95, "fine", "test-judge"));

  @Test
  void screensTheInputBesideTheDraftAndSaysWhichHeldWhat() {
    Screening screening = service.screen("billing", "My card is 4111 1111 1111 1111, why was it charged twice?",
        "We refunded the second charge; it is risk-free.");
    assertThat(screening.summary()).contains("- Policy term: ").contains(
        "- Payment card number: in the input: card number ending 1111");
    assertThat(screening.summary()).doesNotContain("4111 1111");
    assertThat(screening.piiFound()).as("personal data in the request keeps it from auto-approval").isTrue();
  }

  @Test
  void flagsThePlaceholderSoThatItIsNeverAutoApprovedAndNamesFindingsInTheTextToApprove() {
    Screening placeholder = service.screen("billing", "Why?", Placeholders.MARK + " Please write the reply.]");
    assertThat(placeholder.policyHit()).isTrue();
    assertThat(placeholder.summary()).startsWith("- Placeholder: no language model wrote this draft");
    assertThat(service.findings("Write to jane@example.com")).singleElement().asString().startsWith("E-mail address: ");
    assertThat(service.findings("We refunded the second charge.")).isEmpty();
  }
}
