package dev.countersign.system;

import java.util.Locale;

/**
 * What a person decides, spelled as forms, process variables, BPMN conditions and the records
 * spell it ({@link #value()}). {@code edit} means approved with changes. A candidate's promotion
 * knows only approve and reject.
 */
public enum Decision {
  APPROVE, EDIT, REJECT;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean is(String value) {
    return value().equals(value);
  }

  /** @throws IllegalArgumentException for anything but {@code approve}, {@code edit} or {@code reject} */
  public static Decision parse(String value) {
    for (Decision decision : values()) {
      if (decision.is(value)) {
        return decision;
      }
    }
    throw new IllegalArgumentException("The decision must be one of approve, edit or reject, not '" + value + "'");
  }
}
