package dev.countersign.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * A person writes to a task only the fields its form lets them fill in, through every API: submit-form,
 * complete, and a task's variables. The Tasklist submits every field of a form, read-only ones too;
 * on a submission those are dropped, so what a page showed cannot be written back. Anything else is
 * refused with a 400 naming the form's fields. Calls made without a logged-in person (the engine's own
 * code) are not limited, nor tasks without a form.
 */
@Component
class FormFieldsOnly extends AbstractProcessEnginePlugin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProcessEngineConfigurationImpl engine;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.engine = configuration;
    configuration.setTaskService(new Tasks());
    configuration.setFormService(new Forms());
  }

  /** The keys of a task's form a person fills in, and those it only shows. */
  record Fields(Set<String> editable, Set<String> readOnly) {

    static Fields of(JsonNode form) {
      Fields fields = new Fields(new TreeSet<>(), new TreeSet<>());
      fields.collect(form.path("components"));
      return fields;
    }

    private void collect(JsonNode components) {
      for (JsonNode component : components) {
        if (component.hasNonNull("key")) {
          (component.path("readonly").asBoolean() ? readOnly : editable).add(component.get("key").asText());
        }
        collect(component.path("components"));
      }
    }

    /** What of {@code variables} may be written; read-only fields dropped when {@code dropReadOnly}. */
    Map<String, Object> admit(Map<String, ?> variables, boolean dropReadOnly) {
      Map<String, Object> admitted = new LinkedHashMap<>();
      variables.forEach((name, value) -> {
        if (editable.contains(name)) {
          admitted.put(name, value);
        } else if (!dropReadOnly || !readOnly.contains(name)) {
          throw refusal(name);
        }
      });
      return admitted;
    }

    void check(Collection<String> names) {
      names.stream().filter(name -> !editable.contains(name)).findFirst().ifPresent(name -> {
        throw refusal(name);
      });
    }

    private BadUserRequestException refusal(String name) {
      return new BadUserRequestException("'" + name + "' is not a field you fill in on this task's form"
          + (readOnly.contains(name) ? " (it is shown read-only)" : "") + "; its fields are " + editable);
    }
  }

  /** The task's form fields, or null where no person is calling or the task has no form. */
  private Fields fields(String taskId) {
    if (engine.getIdentityService().getCurrentAuthentication() == null) {
      return null;
    }
    try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
      return Fields.of(JSON.readTree(form));
    } catch (ProcessEngineException | IOException noForm) {
      // No form to go by (or no such task): the call goes on and the engine answers as it would.
      return null;
    }
  }

  private Map<String, Object> admit(String taskId, Map<String, ?> variables, boolean dropReadOnly) {
    Fields fields = variables == null || variables.isEmpty() ? null : fields(taskId);
    return fields == null ? castOrNull(variables) : fields.admit(typed(variables), dropReadOnly);
  }

  /** Values as the caller typed them (a JSON value stays JSON), where the caller gave types. */
  private static Map<String, ?> typed(Map<String, ?> variables) {
    if (!(variables instanceof VariableMap map)) {
      return variables;
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    map.keySet().forEach(name -> typed.put(name, map.getValueTyped(name)));
    return typed;
  }

  private void check(String taskId, Collection<String> names) {
    Fields fields = names == null || names.isEmpty() ? null : fields(taskId);
    if (fields != null) {
      fields.check(names);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castOrNull(Map<String, ?> variables) {
    return (Map<String, Object>) variables;
  }

  private final class Tasks extends TaskServiceImpl {

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
      super.complete(taskId, admit(taskId, variables, true));
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserialize) {
      return super.completeWithVariablesInReturn(taskId, admit(taskId, variables, true), deserialize);
    }

    @Override
    public void setVariable(String taskId, String name, Object value) {
      check(taskId, Set.of(name));
      super.setVariable(taskId, name, value);
    }

    @Override
    public void setVariableLocal(String taskId, String name, Object value) {
      check(taskId, Set.of(name));
      super.setVariableLocal(taskId, name, value);
    }

    @Override
    public void setVariables(String taskId, Map<String, ?> variables) {
      super.setVariables(taskId, admit(taskId, variables, false));
    }

    @Override
    public void setVariablesLocal(String taskId, Map<String, ?> variables) {
      super.setVariablesLocal(taskId, admit(taskId, variables, false));
    }

    @Override
    public void updateVariables(String taskId, Map<String, ?> modifications, Collection<String> deletions) {
      check(taskId, deletions);
      super.updateVariables(taskId, admit(taskId, modifications, false), deletions);
    }

    @Override
    public void updateVariablesLocal(String taskId, Map<String, ?> modifications, Collection<String> deletions) {
      check(taskId, deletions);
      super.updateVariablesLocal(taskId, admit(taskId, modifications, false), deletions);
    }

    @Override
    public void removeVariable(String taskId, String name) {
      check(taskId, Set.of(name));
      super.removeVariable(taskId, name);
    }

    @Override
    public void removeVariableLocal(String taskId, String name) {
      check(taskId, Set.of(name));
      super.removeVariableLocal(taskId, name);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> names) {
      check(taskId, names);
      super.removeVariables(taskId, names);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> names) {
      check(taskId, names);
      super.removeVariablesLocal(taskId, names);
    }
  }

  private final class Forms extends FormServiceImpl {

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
      super.submitTaskForm(taskId, admit(taskId, properties, true));
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
        boolean deserialize) {
      return super.submitTaskFormWithVariablesInReturn(taskId, admit(taskId, properties, true), deserialize);
    }
  }
}
