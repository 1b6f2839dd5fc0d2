package dev.countersign.system;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * An external-task handler whose work runs on the workers' bounded pool, with its lock kept,
 * failures reported to Camunda and results stored per task id (see {@link WorkerPool}).
 */
public abstract class PooledWorker implements ExternalTaskHandler {

  private final WorkerPool pool;
  private final Set<String> transientVariables;

  protected PooledWorker(WorkerPool pool) {
    this(pool, Set.of());
  }

  /**
   * @param transientVariables results that only the engine's listeners read, in the transaction that
   *     completes the task: the engine hands them over and stores them nowhere
   */
  protected PooledWorker(WorkerPool pool, Set<String> transientVariables) {
    this.pool = pool;
    this.transientVariables = transientVariables;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    pool.submit(task, service, this::work, transientVariables);
  }

  /** Reads the task's variables, does the work, and returns the variables to set. */
  protected abstract Map<String, Object> work(ExternalTask task) throws Exception;
}
