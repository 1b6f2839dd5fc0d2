package dev.countersign.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels as clients send them, in their one stored form, and what an item's labels add up to. */
class LabelSchemaTests {

  private final LabelSchema single = new LabelSchema(Agreement.Kind.SINGLE, List.of("spam", "ham"));
  private final LabelSchema multi = new LabelSchema(Agreement.Kind.MULTI, List.of("billing", "delivery", "account"));
  private final LabelSchema rating = new LabelSchema(Agreement.Kind.RATING, List.of("1", "2", "3", "4", "5"));

  @Test
  void aSingleChoiceIsOneOfTheProjectsLabels() {
    assertThat(single.parse(" spam ")).isEqualTo("spam");
    assertThat(single.fromJson(single.toJson(single.parse("ham")))).isEqualTo("ham");
    assertThatThrownBy(() -> single.parse("eggs")).hasMessage("'eggs' is not a label of this project: choose one of [spam, ham]");
    assertThatThrownBy(() -> single.parse(null)).hasMessage("Choose a label: one of [spam, ham]");
  }

  @Test
  void severalChoicesAreStoredInTheProjectsOrderWhateverTheClientSent() {
    // The Tasklist submits a checklist as JSON text; the Java API may pass a list.
    assertThat(multi.parse("[\"account\", \"billing\", \"account\"]")).isEqualTo(List.of("billing", "account"));
    assertThat(multi.parse(List.of("delivery"))).isEqualTo(List.of("delivery"));
    assertThat(multi.toJson(multi.parse("billing"))).isEqualTo("[\"billing\"]");
    assertThatThrownBy(() -> multi.parse("[]")).hasMessage("Choose at least one label of [billing, delivery, account]");
    assertThatThrownBy(() -> multi.parse("[\"billing\", \"refunds\"]")).hasMessageContaining("'refunds' is not a label");
  }

  @Test
  void aRatingIsAWholeNumberFromOneToFive() {
    assertThat(rating.parse("4")).isEqualTo(4);
    assertThat(rating.parse(2L)).isEqualTo(2);
    assertThat(rating.fromJson("5")).isEqualTo(5);
    assertThatThrownBy(() -> rating.parse("6")).hasMessage("A rating is a whole number from 1 to 5, not '6'");
    assertThatThrownBy(() -> rating.parse("3.5")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> rating.parse("good")).hasMessageContaining("not 'good'");
  }

  @Test
  void goldItemsAreMixedInAtTheGoldRateWhileBothKindsRemain() {
    int gold = 0;
    for (int i = 0; i < 1000; i++) {
      if (GoldMix.takeGold(true, true, 0.1, i / 1000.0)) {
        gold++;
      }
    }
    assertThat(gold).as("over evenly spread draws").isEqualTo(100);
    assertThat(GoldMix.takeGold(true, true, 0.0, 0.0)).as("a rate of 0 holds gold back").isFalse();
    assertThat(GoldMix.takeGold(true, false, 0.0, 0.99)).as("only gold left").isTrue();
    assertThat(GoldMix.takeGold(false, true, 1.0, 0.0)).as("no gold left").isFalse();
  }

  @Test
  void theVerdictIsTheMostGivenLabelAndItsShare() {
    ItemVerdict twoOfThree = ItemVerdict.of(List.of("spam", "ham", "spam"));
    assertThat(twoOfThree.majority()).isEqualTo("spam");
    assertThat(twoOfThree.majorityShare()).isEqualTo(2.0 / 3);
    assertThat(twoOfThree.unanimous()).isFalse();
    assertThat(twoOfThree.tied()).isFalse();

    assertThat(ItemVerdict.of(List.of(List.of("billing", "account"), List.of("billing", "account"))).unanimous()).isTrue();
    ItemVerdict split = ItemVerdict.of(List.of(3, 4, 4, 3));
    assertThat(split.tied()).isTrue();
    assertThat(split.majority()).as("a tie goes to the label given first").isEqualTo(3);
    assertThat(split.majorityShare()).isEqualTo(0.5);
  }
}
