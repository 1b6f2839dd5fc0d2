package dev.countersign.screening;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Terms a draft must not contain, from configuration; matched as whole words, ignoring case. */
class PolicyRules {

  private final List<Pattern> terms;
  private final List<String> labels;

  PolicyRules(List<String> terms) {
    this.labels = terms.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    this.terms = labels.stream()
        .map(t -> Pattern.compile("(?<!\\w)" + Pattern.quote(t.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q") + "(?!\\w)"))
        .toList();
  }

  List<Finding> check(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return java.util.stream.IntStream.range(0, terms.size())
        .filter(i -> terms.get(i).matcher(lower).find())
        .mapToObj(i -> new Finding(Finding.Kind.POLICY_TERM, "\"" + labels.get(i) + "\""))
        .toList();
  }
}
