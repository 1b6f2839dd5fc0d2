package dev.countersign.system;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads variables that any REST client may have set, refusing the wrong type with a clear message. */
public final class ProcessVariables {

  private ProcessVariables() {}

  /** The variable as text, or null when it is not set. */
  public static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new BadUserRequestException("Variable '" + name + "' must be a string, not " + value.getClass().getSimpleName());
  }
}
