package dev.countersign.system;

import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;

/**
 * The client's view of handing a task back, done through the engine's Java API in this process:
 * the same calls the client would send to the REST API, without HTTP or JSON in between. Every
 * call names the worker, so the engine refuses it for a task this worker no longer holds.
 */
final class InProcessTaskService implements ExternalTaskService {

  private final org.camunda.bpm.engine.ExternalTaskService engine;
  private final RuntimeService runtime;
  private final String workerId;

  InProcessTaskService(org.camunda.bpm.engine.ExternalTaskService engine, RuntimeService runtime, String workerId) {
    this.engine = engine;
    this.runtime = runtime;
    this.workerId = workerId;
  }

  @Override
  public void lock(String externalTaskId, long lockDuration) {
    engine.lock(externalTaskId, workerId, lockDuration);
  }

  @Override
  public void lock(ExternalTask task, long lockDuration) {
    lock(task.getId(), lockDuration);
  }

  @Override
  public void unlock(ExternalTask task) {
    engine.unlock(task.getId());
  }

  @Override
  public void complete(ExternalTask task) {
    complete(task.getId(), null, null);
  }

  @Override
  public void complete(ExternalTask task, Map<String, Object> variables) {
    complete(task.getId(), variables, null);
  }

  @Override
  public void complete(ExternalTask task, Map<String, Object> variables, Map<String, Object> localVariables) {
    complete(task.getId(), variables, localVariables);
  }

  @Override
  public void complete(String externalTaskId, Map<String, Object> variables, Map<String, Object> localVariables) {
    engine.complete(externalTaskId, workerId, variables, localVariables);
  }

  @Override
  public void setVariables(String processInstanceId, Map<String, Object> variables) {
    runtime.setVariables(processInstanceId, variables);
  }

  @Override
  public void setVariables(ExternalTask task, Map<String, Object> variables) {
    setVariables(task.getProcessInstanceId(), variables);
  }

  @Override
  public void handleFailure(ExternalTask task, String errorMessage, String errorDetails, int retries, long retryTimeout) {
    handleFailure(task.getId(), errorMessage, errorDetails, retries, retryTimeout);
  }

  @Override
  public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
      long retryTimeout) {
    handleFailure(externalTaskId, errorMessage, errorDetails, retries, retryTimeout, null, null);
  }

  @Override
  public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
      long retryTimeout, Map<String, Object> variables, Map<String, Object> localVariables) {
    engine.handleFailure(externalTaskId, workerId, errorMessage, errorDetails, retries, retryTimeout, variables,
        localVariables);
  }

  @Override
  public void handleBpmnError(ExternalTask task, String errorCode) {
    handleBpmnError(task.getId(), errorCode, null, null);
  }

  @Override
  public void handleBpmnError(ExternalTask task, String errorCode, String errorMessage) {
    handleBpmnError(task.getId(), errorCode, errorMessage, null);
  }

  @Override
  public void handleBpmnError(ExternalTask task, String errorCode, String errorMessage, Map<String, Object> variables) {
    handleBpmnError(task.getId(), errorCode, errorMessage, variables);
  }

  @Override
  public void handleBpmnError(String externalTaskId, String errorCode, String errorMessage,
      Map<String, Object> variables) {
    engine.handleBpmnError(externalTaskId, workerId, errorCode, errorMessage, variables);
  }

  @Override
  public void extendLock(ExternalTask task, long newDuration) {
    extendLock(task.getId(), newDuration);
  }

  @Override
  public void extendLock(String externalTaskId, long newDuration) {
    engine.extendLock(externalTaskId, workerId, newDuration);
  }
}
