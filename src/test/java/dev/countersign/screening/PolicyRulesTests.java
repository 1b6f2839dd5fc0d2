package dev.countersign.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRulesTests {

  private final PolicyRules rules = new PolicyRules(List.of("guaranteed returns", "risk-free", " "));

  @Test
  void matchesWholeTermsIgnoringCaseAndSpacing() {
    assertThat(rules.check("These are GUARANTEED\n returns and entirely Risk-Free."))
        .extracting(Finding::detail).containsExactly("\"guaranteed returns\"", "\"risk-free\"");
  }

  @Test
  void doesNotMatchInsideOtherWords() {
    assertThat(rules.check("A risk-freedom fund with unguaranteed returns")).isEmpty();
  }

  @Test
  void summaryListsFindingsForTheReviewer() {
    Screening screening = new Screening(List.of(new Finding(Finding.Kind.PII_EMAIL, "j***@example.com"),
        new Finding(Finding.Kind.POLICY_TERM, "\"risk-free\"")), new JudgeScore(0.5, "ok", "test"));
    assertThat(screening.piiFound()).isTrue();
    assertThat(screening.policyHit()).isTrue();
    assertThat(screening.summary()).isEqualTo("- E-mail address: j***@example.com\n- Policy term: \"risk-free\"");
    assertThat(new Screening(List.of(), new JudgeScore(null, "none", "test")).summary()).isEqualTo("No findings.");
  }
}
