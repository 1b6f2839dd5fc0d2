package dev.countersign.screening;

import static org.assertj.core.api.Assertions.assertThat;

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
}
