package dev.countersign.request;

import java.util.List;

class InvalidReviewException extends RuntimeException {

  private final List<String> problems;

  InvalidReviewException(List<String> problems) {
    super("Invalid review request: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
