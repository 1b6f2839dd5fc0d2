package dev.countersign.labeling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.dkpro.statistics.agreement.InsufficientDataException;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.CohenKappaAgreement;
import org.dkpro.statistics.agreement.coding.FleissKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.distance.IDistanceFunction;
import org.dkpro.statistics.agreement.distance.MASISetAnnotationDistanceFunction;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;
import org.dkpro.statistics.agreement.distance.OrdinalDistanceFunction;
import org.dkpro.statistics.agreement.distance.SetAnnotation;

/**
 * How far annotators agree beyond chance, over the items of a labeling project. Engine-free; DKPro
 * Agreement does the arithmetic.
 *
 * <ul>
 *   <li>Fleiss' kappa, for a single choice, over the items with as many labels as the most labelled
 *       item (it needs the same number per item, not the same people).
 *   <li>Krippendorff's alpha over every label, missing ones allowed: nominal for a single choice,
 *       ordinal for a rating, and with the MASI distance between label sets for several choices.
 *   <li>Cohen's kappa for each pair of annotators, over the items both labelled (single choice and
 *       ratings, as nominal).
 * </ul>
 *
 * A figure that the labels cannot give (no item labelled twice, or only one label ever used) is
 * null, not a number.
 */
public final class Agreement {

  /** What a label is. */
  public enum Kind {
    /** One of the project's labels. */
    SINGLE,
    /** Any set of the project's labels. */
    MULTI,
    /** A number from 1 to 5. */
    RATING
  }

  /**
   * One item's labels: who gave which. A single choice is a string, several choices a collection of
   * strings, a rating an integer.
   */
  public record Item(Map<String, Object> labelsByAnnotator) {}

  /** Cohen's kappa for two annotators, over the {@code items} both labelled. */
  public record PairKappa(String first, String second, int items, Double kappa) {}

  /**
   * @param alphaMetric the distance alpha used: nominal, ordinal or masi
   */
  public record Figures(int items, Double fleissKappa, Double krippendorffAlpha, String alphaMetric,
      List<PairKappa> cohenKappa) {}

  private Agreement() {}

  public static Figures of(Kind kind, List<Item> items) {
    int labelsPerItem = items.stream().mapToInt(i -> i.labelsByAnnotator().size()).max().orElse(0);
    return new Figures(items.size(),
        kind == Kind.SINGLE ? fleiss(items, labelsPerItem) : null,
        alpha(kind, items, labelsPerItem),
        switch (kind) {
          case SINGLE -> "nominal";
          case MULTI -> "masi";
          case RATING -> "ordinal";
        },
        kind == Kind.MULTI ? List.of() : cohenPerPair(items));
  }

  private static Double fleiss(List<Item> items, int labelsPerItem) {
    if (labelsPerItem < 2) {
      return null;
    }
    CodingAnnotationStudy study = new CodingAnnotationStudy(labelsPerItem);
    items.stream().filter(i -> i.labelsByAnnotator().size() == labelsPerItem)
        .forEach(i -> study.addItemAsArray(i.labelsByAnnotator().values().toArray()));
    return figure(() -> new FleissKappaAgreement(study).calculateAgreement(), study);
  }

  private static Double alpha(Kind kind, List<Item> items, int labelsPerItem) {
    if (labelsPerItem < 2) {
      return null;
    }
    CodingAnnotationStudy study = new CodingAnnotationStudy(labelsPerItem);
    if (kind == Kind.RATING) {
      // The ordinal distance counts the ratings between two; every rating of the scale is a rank.
      for (int rating = 1; rating <= 5; rating++) {
        study.addCategory(rating);
      }
    }
    for (Item item : items) {
      Object[] labels = new Object[labelsPerItem];
      int at = 0;
      for (Object label : item.labelsByAnnotator().values()) {
        labels[at++] = kind == Kind.MULTI ? setOf(label) : label;
      }
      study.addItemAsArray(labels);
    }
    IDistanceFunction distance = switch (kind) {
      case SINGLE -> new NominalDistanceFunction();
      case MULTI -> new MASISetAnnotationDistanceFunction();
      case RATING -> new OrdinalDistanceFunction();
    };
    return figure(() -> new KrippendorffAlphaAgreement(study, distance).calculateAgreement(), study);
  }

  /** Each pair of annotators that labelled an item in common; built item by item, as most pairs share none. */
  private static List<PairKappa> cohenPerPair(List<Item> items) {
    Map<List<String>, CodingAnnotationStudy> studies = new TreeMap<>(
        Comparator.comparing((List<String> pair) -> pair.get(0)).thenComparing(pair -> pair.get(1)));
    for (Item item : items) {
      List<String> annotators = item.labelsByAnnotator().keySet().stream().sorted().toList();
      for (int a = 0; a < annotators.size(); a++) {
        for (int b = a + 1; b < annotators.size(); b++) {
          studies.computeIfAbsent(List.of(annotators.get(a), annotators.get(b)), pair -> new CodingAnnotationStudy(2))
              .addItem(item.labelsByAnnotator().get(annotators.get(a)), item.labelsByAnnotator().get(annotators.get(b)));
        }
      }
    }
    List<PairKappa> pairs = new ArrayList<>();
    studies.forEach((pair, study) -> pairs.add(new PairKappa(pair.get(0), pair.get(1), study.getItemCount(),
        figure(() -> new CohenKappaAgreement(study).calculateAgreement(), study))));
    return pairs;
  }

  private static SetAnnotation setOf(Object label) {
    if (label == null) {
      return null;
    }
    Collection<?> labels = label instanceof Collection<?> c ? c : List.of(label);
    return new SetAnnotation(labels.stream().map(Objects::toString).toArray());
  }

  /** A coefficient, or null where the data cannot give one (DKPro throws or returns NaN). */
  private static Double figure(DoubleSupplier coefficient, CodingAnnotationStudy study) {
    if (study.getItemCount() == 0 || study.getCategoryCount() < 2) {
      return null;
    }
    try {
      double value = coefficient.getAsDouble();
      return Double.isFinite(value) ? value : null;
    } catch (InsufficientDataException | ArithmeticException e) {
      return null;
    }
  }
}
