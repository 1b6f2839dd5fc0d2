package dev.countersign.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads variables that any REST client may have set, refusing the wrong type with a clear message,
 * and marks the workers' results that are handed over transient.
 */
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

  /**
   * The variables with those named set transient: the engine gives them to the listeners of the
   * command that sets them and writes no row for them. Typed, as an untyped transient value loses
   * its flag on its way through the REST client.
   */
  static Map<String, Object> markTransient(Map<String, Object> variables, Set<String> names) {
    if (names.isEmpty()) {
      return variables;
    }
    Map<String, Object> marked = new HashMap<>(variables);
    names.stream().filter(marked::containsKey).forEach(name -> marked.put(name, transientValue(name, marked.get(name))));
    return marked;
  }

  private static TypedValue transientValue(String name, Object value) {
    if (value instanceof Integer number) {
      return Variables.integerValue(number, true);
    }
    if (value == null || value instanceof String) {
      return Variables.stringValue((String) value, true);
    }
    throw new IllegalArgumentException("Variable '" + name + "' is passed transient only as text or a whole number, not "
        + value.getClass().getSimpleName());
  }
}
