package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFitTests {

  private static final float[] X = {1, 0, 0};
  private static final float[] Y = {0, 1, 0};
  private static final float[] XY = {1, 1, 0};

  @Test
  void blendsTheNearestRequestWithTheAnswerItself() {
    // nearest request: cosine 1 (X itself); answer Y: cosine 0. (1 + 0.5 * 0) / 1.5
    assertThat(AnswerFit.fit(X, X, List.of(Y, X), Y)).isCloseTo(1 / 1.5, within(1e-9));
    // the query form is what is compared with the answer: (0 + 0.5 * 1) / 1.5
    assertThat(AnswerFit.fit(X, Y, List.of(Y), Y)).isCloseTo(0.5 / 1.5, within(1e-9));
  }

  @Test
  void theUsualFitIsTheLeastOfItsRequestsAgainstTheOthers() {
    assertThat(AnswerFit.usual(List.of(X), XY)).as("one request: nothing learned").isNaN();
    double cos45 = Math.sqrt(0.5);
    // X against {XY}: (cos45 + 0.5 cos45) / 1.5 = cos45; Y the same; XY against {X, Y}: (cos45 + 0.5) / 1.5
    assertThat(AnswerFit.usual(List.of(X, Y, XY), XY)).isCloseTo(cos45, within(1e-9));
  }
}
