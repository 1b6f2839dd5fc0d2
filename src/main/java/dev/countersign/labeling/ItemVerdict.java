package dev.countersign.labeling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an item's labels, or a review panel's decisions, say once they are all in: the label most
 * people gave, the share of people who gave it, and whether they all did. Engine-free; labels are compared in their
 * stored form ({@link LabelSchema}), so the same set of choices in any order is one label.
 *
 * @param majority the most given label; on a tie, the one given first
 * @param tied whether another label was given as often as the majority
 */
public record ItemVerdict(Object majority, double majorityShare, boolean unanimous, boolean tied, int labels) {

  public static ItemVerdict of(List<?> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("An item without labels has no verdict");
    }
    Map<Object, Integer> counts = new LinkedHashMap<>();
    labels.forEach(label -> counts.merge(label, 1, Integer::sum));
    Object majority = null;
    int most = 0;
    for (Map.Entry<Object, Integer> count : counts.entrySet()) {
      if (count.getValue() > most) {
        majority = count.getKey();
        most = count.getValue();
      }
    }
    int top = most;
    boolean tied = counts.values().stream().filter(count -> count == top).count() > 1;
    return new ItemVerdict(majority, (double) most / labels.size(), counts.size() == 1, tied, labels.size());
  }
}
