package dev.countersign.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonTests {

  /** Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table II, method 3 (no continuity correction). */
  @Test
  void lowerBoundsMatchNewcombesPublishedIntervals() {
    assertThat(Wilson.lowerBound(81, 263)).isCloseTo(0.2553, within(0.00005));
    assertThat(Wilson.lowerBound(15, 148)).isCloseTo(0.0624, within(0.00005));
    assertThat(Wilson.lowerBound(0, 20)).isEqualTo(0.0);
    assertThat(Wilson.lowerBound(1, 29)).isCloseTo(0.0061, within(0.00005));
  }

  @Test
  void isCautiousWithFewDecisionsAndNeverAboveTheRate() {
    assertThat(Wilson.lowerBound(20, 20)).isCloseTo(0.8389, within(0.00005));
    assertThat(Wilson.lowerBound(200, 200)).isCloseTo(0.9812, within(0.00005));
    assertThat(Wilson.lowerBound(0, 0)).isZero();
    for (int k = 0; k <= 50; k++) {
      assertThat(Wilson.lowerBound(k, 50)).isLessThanOrEqualTo(k / 50.0);
    }
  }

  @Test
  void editDistanceIsLevenshteinOverTheLongerText() {
    assertThat(Evidence.normalisedEditDistance("kitten", "sitting")).isEqualTo(3 / 7.0);
    assertThat(Evidence.normalisedEditDistance("same", "same")).isZero();
    assertThat(Evidence.normalisedEditDistance("", "abc")).isEqualTo(1.0);
    assertThat(Evidence.median(java.util.List.of(0.3, 0.1, 0.2, 0.4))).isCloseTo(0.25, within(1e-9));
  }
}
