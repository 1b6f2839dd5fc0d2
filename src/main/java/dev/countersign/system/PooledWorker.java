package dev.countersign.system;

import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * An external-task handler whose work runs on the workers' bounded pool, with its lock kept,
 * failures reported to Camunda and results stored per task id (see {@link WorkerPool}).
 */
public abstract class PooledWorker implements ExternalTaskHandler {

  private final WorkerPool pool;

  protected PooledWorker(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    pool.submit(task, service, this::work);
  }

  /** Reads the task's variables, does the work, and returns the variables to set. */
  protected abstract Map<String, Object> work(ExternalTask task) throws Exception;
}
