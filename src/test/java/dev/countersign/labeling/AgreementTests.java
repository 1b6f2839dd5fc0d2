package dev.countersign.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.countersign.labeling.Agreement.Item;
import dev.countersign.labeling.Agreement.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The agreement figures against published worked examples. */
class AgreementTests {

  /**
   * Fleiss (1971), "Measuring nominal scale agreement among many raters", table 1: 30 patients, six
   * psychiatrists each (not the same six), five diagnoses. Published kappa: 0.430.
   */
  private static final int[][] FLEISS_1971 = {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
      {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
      {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
      {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
      {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};

  /**
   * Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the example with missing
   * values: four coders, twelve units, values 1 to 5, a dot where a coder gave none. Published
   * alpha: nominal 0.743, ordinal 0.815.
   */
  private static final Integer[][] KRIPPENDORFF_2011 = {
      {1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null},
      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3},
      {null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null},
      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null}};

  @Test
  void fleissKappaOnFleiss1971IsThePublishedFigure() {
    List<Item> items = new ArrayList<>();
    for (int patient = 0; patient < FLEISS_1971.length; patient++) {
      Map<String, Object> labels = new LinkedHashMap<>();
      for (int rater = 0; rater < 6; rater++) {
        // Each patient was seen by six different psychiatrists: Fleiss' kappa does not need the same people.
        labels.put("psychiatrist-" + (patient * 6 + rater), "diagnosis-" + FLEISS_1971[patient][rater]);
      }
      items.add(new Item(labels));
    }

    Agreement.Figures figures = Agreement.of(Kind.SINGLE, items);

    assertThat(figures.items()).isEqualTo(30);
    assertThat(figures.fleissKappa()).isCloseTo(0.430, within(0.0005));
    assertThat(figures.cohenKappa()).as("each pair of psychiatrists saw one patient together")
        .hasSize(30 * 15).allSatisfy(pair -> assertThat(pair.items()).isEqualTo(1));
  }

  @Test
  void krippendorffsAlphaWithMissingValuesIsThePublishedFigureNominalAndOrdinal() {
    assertThat(Agreement.of(Kind.SINGLE, krippendorff(String::valueOf)).krippendorffAlpha())
        .isCloseTo(0.743, within(0.0005));
    Agreement.Figures ratings = Agreement.of(Kind.RATING, krippendorff(v -> v));
    assertThat(ratings.alphaMetric()).isEqualTo("ordinal");
    assertThat(ratings.krippendorffAlpha()).isCloseTo(0.815, within(0.0005));
  }

  @Test
  void cohensKappaForEachPairOverTheItemsBothLabelled() {
    // Cohen (1960), table 1: two judges, 200 items, three categories; published kappa 0.492.
    int[][] counts = {{88, 14, 18}, {10, 40, 10}, {2, 6, 12}};
    List<Item> items = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        for (int n = 0; n < counts[a][b]; n++) {
          items.add(new Item(Map.of("judge-a", "c" + a, "judge-b", "c" + b)));
        }
      }
    }
    items.add(new Item(Map.of("judge-a", "c0", "judge-c", "c0")));

    List<Agreement.PairKappa> pairs = Agreement.of(Kind.SINGLE, items).cohenKappa();

    assertThat(pairs).extracting(Agreement.PairKappa::first, Agreement.PairKappa::second, Agreement.PairKappa::items)
        .containsExactly(Tuple.tuple("judge-a", "judge-b", 200),
            Tuple.tuple("judge-a", "judge-c", 1));
    assertThat(pairs.get(0).kappa()).isCloseTo(0.492, within(0.0005));
    assertThat(pairs.get(1).kappa()).as("one label only: no chance-corrected figure").isNull();
  }

  @Test
  void labelSetsAgreeFullyWhenEqualAndLessWhenTheyOnlyOverlap() {
    List<Item> equal = List.of(
        new Item(Map.of("a", Set.of("billing", "refund"), "b", Set.of("billing", "refund"))),
        new Item(Map.of("a", Set.of("delivery"), "b", Set.of("delivery"))));
    List<Item> overlapping = List.of(
        new Item(Map.of("a", Set.of("billing", "refund"), "b", Set.of("billing"))),
        new Item(Map.of("a", Set.of("delivery"), "b", Set.of("delivery", "refund"))));

    assertThat(Agreement.of(Kind.MULTI, equal).krippendorffAlpha()).isCloseTo(1.0, within(1e-9));
    assertThat(Agreement.of(Kind.MULTI, overlapping).krippendorffAlpha()).isLessThan(1.0);
    assertThat(Agreement.of(Kind.MULTI, equal).fleissKappa()).as("for a single choice only").isNull();
  }

  @Test
  void noFigureWhereTheLabelsCannotGiveOne() {
    Agreement.Figures once = Agreement.of(Kind.SINGLE, List.of(new Item(Map.of("a", "spam")),
        new Item(Map.of("b", "ham"))));
    assertThat(once.fleissKappa()).isNull();
    assertThat(once.krippendorffAlpha()).isNull();
    assertThat(Agreement.of(Kind.SINGLE, List.of()).fleissKappa()).isNull();
  }

  private static List<Item> krippendorff(Function<Integer, Object> label) {
    List<Item> items = new ArrayList<>();
    for (int unit = 0; unit < 12; unit++) {
      Map<String, Object> labels = new LinkedHashMap<>();
      for (int coder = 0; coder < 4; coder++) {
        Integer value = KRIPPENDORFF_2011[coder][unit];
        if (value != null) {
          labels.put("coder-" + (char) ('A' + coder), label.apply(value));
        }
      }
      items.add(new Item(labels));
    }
    return items;
  }
}
