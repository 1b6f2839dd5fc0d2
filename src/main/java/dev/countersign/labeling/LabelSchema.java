package dev.countersign.labeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a label of a project may be, and its one stored form: a single choice is a string, several
 * choices a list in the project's order, a rating an integer from 1 to 5. Engine-free; a label that
 * does not fit is an {@link IllegalArgumentException} whose message is shown to the person.
 */
record LabelSchema(Agreement.Kind kind, List<String> labels) {

  static final int MIN_RATING = 1;
  static final int MAX_RATING = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  LabelSchema {
    labels = List.copyOf(labels);
  }

  /** The name the forms and the API use for the kind: single, multi or rating. */
  String kindName() {
    return kind.name().toLowerCase();
  }

  /**
   * The label in its stored form.
   *
   * @param submitted as a client sent it: a string, a number, a list, or JSON text of a list
   */
  Object parse(Object given) {
    Object submitted = given instanceof JsonNode json && json.isValueNode() ? json.asText() : given;
    if (submitted == null || submitted instanceof String s && s.isBlank()) {
      throw new IllegalArgumentException(switch (kind) {
        case SINGLE -> "Choose a label: one of " + labels;
        case MULTI -> "Choose at least one label of " + labels;
        case RATING -> "Give a rating from " + MIN_RATING + " to " + MAX_RATING;
      });
    }
    return switch (kind) {
      case SINGLE -> choice(submitted.toString());
      case MULTI -> choices(submitted);
      case RATING -> rating(submitted);
    };
  }

  /** A label in its stored form as text: several choices joined by {@code separator}, a rating as its number. */
  static String text(Object label, String separator) {
    return label instanceof List<?> several
        ? String.join(separator, several.stream().map(String::valueOf).toList()) : String.valueOf(label);
  }

  String toJson(Object label) {
    try {
      return JSON.writeValueAsString(label);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stored label back in its stored form. */
  Object fromJson(String json) {
    try {
      return parse(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored label is not JSON: " + json, e);
    }
  }

  private String choice(String label) {
    String trimmed = label.strip();
    if (!labels.contains(trimmed)) {
      throw new IllegalArgumentException("'" + trimmed + "' is not a label of this project: choose one of " + labels);
    }
    return trimmed;
  }

  private List<String> choices(Object submitted) {
    Set<String> chosen = new LinkedHashSet<>();
    for (Object one : elements(submitted)) {
      chosen.add(choice(String.valueOf(one)));
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("Choose at least one label of " + labels);
    }
    return labels.stream().filter(chosen::contains).toList();
  }

  private static Collection<?> elements(Object submitted) {
    if (submitted instanceof Collection<?> collection) {
      return collection;
    }
    JsonNode node = submitted instanceof JsonNode json ? json : readJson(submitted.toString());
    if (node == null || !node.isArray()) {
      return List.of(submitted.toString());
    }
    List<String> texts = new ArrayList<>();
    node.forEach(element -> texts.add(element.asText()));
    return texts;
  }

  /** JSON text as a tree, or null when it is not JSON (a plain label). */
  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static int rating(Object submitted) {
    String text = submitted.toString().strip();
    try {
      double value = Double.parseDouble(text);
      if (value == Math.rint(value) && value >= MIN_RATING && value <= MAX_RATING) {
        return (int) value;
      }
    } catch (NumberFormatException e) {
      // Refused below, with the same message as a number out of range.
    }
    throw new IllegalArgumentException("A rating is a whole number from " + MIN_RATING + " to " + MAX_RATING + ", not '"
        + text + "'");
  }
}
