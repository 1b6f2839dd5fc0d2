package dev.countersign.system;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A task fetched through the engine's Java API, seen as the external-task client sees one, so the
 * same workers serve both ways of fetching. Its variables are the engine's, already deserialised.
 */
record LockedTask(LockedExternalTask locked) implements ExternalTask {

  @Override public String getId() { return locked.getId(); }
  @Override public String getTopicName() { return locked.getTopicName(); }
  @Override public String getWorkerId() { return locked.getWorkerId(); }
  @Override public Date getLockExpirationTime() { return locked.getLockExpirationTime(); }
  @Override public Date getCreateTime() { return locked.getCreateTime(); }
  @Override public String getProcessInstanceId() { return locked.getProcessInstanceId(); }
  @Override public String getExecutionId() { return locked.getExecutionId(); }
  @Override public String getActivityId() { return locked.getActivityId(); }
  @Override public String getActivityInstanceId() { return locked.getActivityInstanceId(); }
  @Override public String getProcessDefinitionId() { return locked.getProcessDefinitionId(); }
  @Override public String getProcessDefinitionKey() { return locked.getProcessDefinitionKey(); }
  @Override public String getProcessDefinitionVersionTag() { return locked.getProcessDefinitionVersionTag(); }
  @Override public Integer getRetries() { return locked.getRetries(); }
  @Override public String getErrorMessage() { return locked.getErrorMessage(); }
  @Override public String getErrorDetails() { return locked.getErrorDetails(); }
  @Override public String getTenantId() { return locked.getTenantId(); }
  @Override public long getPriority() { return locked.getPriority(); }
  @Override public String getBusinessKey() { return locked.getBusinessKey(); }
  @Override public Map<String, String> getExtensionProperties() { return locked.getExtensionProperties(); }

  @Override
  public String getExtensionProperty(String name) {
    Map<String, String> properties = locked.getExtensionProperties();
    return properties == null ? null : properties.get(name);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getVariable(String name) {
    return (T) locked.getVariables().get(name);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends TypedValue> T getVariableTyped(String name) {
    return (T) locked.getVariables().getValueTyped(name);
  }

  /** The engine has deserialised every value already; there is nothing left to defer. */
  @Override
  public <T extends TypedValue> T getVariableTyped(String name, boolean deserialize) {
    return getVariableTyped(name);
  }

  @Override public Map<String, Object> getAllVariables() { return locked.getVariables(); }
  @Override public VariableMap getAllVariablesTyped() { return locked.getVariables(); }
  @Override public VariableMap getAllVariablesTyped(boolean deserialize) { return locked.getVariables(); }
}
