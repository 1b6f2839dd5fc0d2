package dev.countersign.labeling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A labeling project as a model owner or compliance officer asks for it. Left out: a single choice,
 * three annotators per item from {@code reviewers}, adjudication by {@code senior-reviewers}, one
 * gold item in ten, medium risk.
 *
 * @param kind {@code choice} (the default) or {@code rating}, a number from 1 to 5
 * @param multiLabel for choices: whether an annotator may choose several labels
 * @param group who labels
 * @param adjudicatorGroup who decides where annotators disagree beyond the labeling policy
 * @param goldRate the share of items started that are gold items, while gold items remain
 * @param riskTier low, medium or high: an input of {@code labeling-policy.dmn}
 * @param evaluationExamples whether the final labels serve as held-out examples of the use case when
 *     {@code candidate-promotion} evaluates a prompt or model (off unless asked for)
 */
record NewProject(String name, String useCase, String question, List<String> labels, Boolean multiLabel, String kind,
    Integer annotatorsPerItem, String group, String adjudicatorGroup, Double goldRate, String riskTier,
    Boolean evaluationExamples) {

  static final int MAX_LABELS = 50;
  static final int MAX_ANNOTATORS = 10;

  Agreement.Kind labelKind() {
    if ("rating".equals(kind)) {
      return Agreement.Kind.RATING;
    }
    return Boolean.TRUE.equals(multiLabel) ? Agreement.Kind.MULTI : Agreement.Kind.SINGLE;
  }

  LabelSchema schema() {
    return new LabelSchema(labelKind(), labelKind() == Agreement.Kind.RATING
        ? List.of("1", "2", "3", "4", "5") : labels.stream().map(String::strip).toList());
  }

  int annotators() {
    return annotatorsPerItem == null ? 3 : annotatorsPerItem;
  }

  String annotatorGroup() {
    return group == null ? "reviewers" : group;
  }

  String adjudicators() {
    return adjudicatorGroup == null ? "senior-reviewers" : adjudicatorGroup;
  }

  double gold() {
    return goldRate == null ? 0.1 : goldRate;
  }

  String risk() {
    return riskTier == null ? "medium" : riskTier;
  }

  /** Everything wrong with the project, in words a caller can act on; empty when it is valid. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    required(problems, "name", name, 200);
    required(problems, "useCase", useCase, 100);
    required(problems, "question", question, 2000);
    if (kind != null && !List.of("choice", "rating").contains(kind)) {
      problems.add("kind must be \"choice\" or \"rating\", not \"" + kind + "\"");
    } else if ("rating".equals(kind)) {
      if (Boolean.TRUE.equals(multiLabel)) {
        problems.add("A rating is one number from 1 to 5: multiLabel does not apply");
      }
      if (labels != null && !labels.isEmpty()) {
        problems.add("A rating's labels are 1 to 5: leave labels out");
      }
    } else {
      labelProblems(problems);
    }
    if (annotators() < 1 || annotators() > MAX_ANNOTATORS) {
      problems.add("annotatorsPerItem must be from 1 to " + MAX_ANNOTATORS);
    }
    if (gold() < 0 || gold() >= 1 || Double.isNaN(gold())) {
      problems.add("goldRate must be at least 0 and below 1");
    }
    if (!List.of("low", "medium", "high").contains(risk())) {
      problems.add("riskTier must be low, medium or high");
    }
    for (String g : new String[] {annotatorGroup(), adjudicators()}) {
      if (g.isBlank()) {
        problems.add("group and adjudicatorGroup must not be blank");
      }
    }
    return problems;
  }

  private void labelProblems(List<String> problems) {
    if (labels == null || labels.size() < 2) {
      problems.add("labels: give at least two labels to choose from");
      return;
    }
    if (labels.size() > MAX_LABELS) {
      problems.add("labels: at most " + MAX_LABELS);
    }
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        problems.add("labels: a label must not be blank");
      } else if (label.strip().length() > 100) {
        problems.add("labels: \"" + label.strip().substring(0, 20) + "…\" is longer than 100 characters");
      } else if (!seen.add(label.strip())) {
        problems.add("labels: \"" + label.strip() + "\" is given twice");
      }
    }
  }

  private static void required(List<String> problems, String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    } else if (value.length() > maxLength) {
      problems.add(field + " must be at most " + maxLength + " characters");
    }
  }
}
