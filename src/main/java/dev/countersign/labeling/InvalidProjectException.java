package dev.countersign.labeling;

import java.util.List;

/** A labeling project that cannot be created, with every reason. */
class InvalidProjectException extends RuntimeException {

  private final List<String> problems;

  InvalidProjectException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
