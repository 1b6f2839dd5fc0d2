package dev.countersign.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.util.SingleConsumerCondition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline our cost per review is measured against: a bare Camunda process of the same shape
 * as llm-output-review up to "task ready" (start, the same review-routing decision, two external
 * tasks done by trivial handlers fetching the same way as the app's workers, a user task for the routed group), in
 * the same engine, on the same database, with the same authorization and history. What it lacks
 * is everything that is ours: the request registry, listeners, the audit trail, drafting,
 * screening, memory and the worker pool.
 */
final class BareBaseline implements AutoCloseable {

  static final String PROCESS_KEY = "bare-review";
  static final String USER_TASK = "UserTask_Bare";
  private static final String GENERATE = "bare-generate";
  private static final String SCREEN = "bare-screen";

  private final AutoCloseable handlers;
  private final ExecutorService completions;

  private BareBaseline(AutoCloseable handlers, ExecutorService completions) {
    this.handlers = handlers;
    this.completions = completions;
  }

  /**
   * Deploys the bare process, lets requesters start it, and opens its handlers the way the app's
   * workers fetch ({@code countersign.workers.transport}): in process through the engine's Java API,
   * or over the REST client against {@code engineRest}.
   */
  static BareBaseline start(ProcessEngine engine, String transport, String engineRest, String workerUser,
      String workerPassword, int concurrency) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_KEY).camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_Bare")
        .businessRuleTask("BusinessRuleTask_Route").camundaDecisionRef("review-routing")
        .camundaMapDecisionResult("singleResult").camundaResultVariable("routing")
        .serviceTask("ServiceTask_Generate").camundaExternalTask(GENERATE)
        .serviceTask("ServiceTask_Screen").camundaExternalTask(SCREEN)
        .userTask(USER_TASK).camundaCandidateGroups("${routing.reviewerGroup}")
        .endEvent()
        .done();
    engine.getRepositoryService().createDeployment().name(PROCESS_KEY).addModelInstance(PROCESS_KEY + ".bpmn", model)
        .deploy();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization start = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    start.setGroupId("requesters");
    start.setResource(Resources.PROCESS_DEFINITION);
    start.setResourceId(PROCESS_KEY);
    start.addPermission(Permissions.READ);
    start.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(start);

    // Trivial handlers, completed on a pool as ours are, so fetching carries on meanwhile.
    ExecutorService completions = Executors.newFixedThreadPool(concurrency);
    Map<String, Map<String, Object>> results = Map.of(
        GENERATE, Map.of("draft", "A drafted reply for the benchmark."),
        SCREEN, Map.of("piiFound", false, "policyHit", false, "judgeScore", 0.5));
    if ("rest".equals(transport)) {
      ExternalTaskClient client = ExternalTaskClient.create().baseUrl(engineRest)
          .addInterceptor(new BasicAuthProvider(workerUser, workerPassword))
          .workerId("bare-baseline").maxTasks(concurrency).asyncResponseTimeout(10_000).lockDuration(60_000).build();
      results.forEach((topic, variables) -> client.subscribe(topic).handler((task, service) ->
          completions.execute(() -> service.complete(task, variables))).open());
      return new BareBaseline(client::stop, completions);
    }
    return new BareBaseline(InProcess.start(engine.getExternalTaskService(), results, concurrency, completions),
        completions);
  }

  /** Fetches in process, waking when the engine commits a new external task, as the app's fetcher does. */
  private static final class InProcess implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SingleConsumerCondition arrived;

    private InProcess(ExternalTaskService engine, Map<String, Map<String, Object>> results, int concurrency,
        ExecutorService completions) {
      thread = new Thread(() -> {
        SingleConsumerCondition condition = new SingleConsumerCondition(Thread.currentThread());
        arrived = condition;
        ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
        try {
          while (running) {
            List<LockedExternalTask> fetched = engine.fetchAndLock(concurrency, "bare-baseline", true)
                .topic(GENERATE, 60_000).topic(SCREEN, 60_000).execute();
            fetched.forEach(task -> completions.execute(() ->
                engine.complete(task.getId(), "bare-baseline", results.get(task.getTopicName()))));
            if (fetched.isEmpty()) {
              condition.await(200);
            }
          }
        } finally {
          ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
        }
      }, "bare-baseline-fetch");
      thread.setDaemon(true);
    }

    static InProcess start(ExternalTaskService engine, Map<String, Map<String, Object>> results, int concurrency,
        ExecutorService completions) {
      InProcess fetching = new InProcess(engine, results, concurrency, completions);
      fetching.thread.start();
      return fetching;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      if (arrived != null) {
        arrived.signal();
      }
      thread.join(5_000);
    }
  }

  static long readyTasks(TaskService tasks) {
    return tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY).taskDefinitionKey(USER_TASK).count();
  }

  /** Ends the bare instances, so the measured run of ours starts on the same open-task count. */
  static void clear(RuntimeService runtime) {
    List<String> ids;
    while (!(ids = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).listPage(0, 500).stream()
        .map(instance -> instance.getId()).toList()).isEmpty()) {
      runtime.deleteProcessInstances(ids, "benchmark baseline done", true, true);
    }
  }

  @Override
  public void close() throws Exception {
    handlers.close();
    completions.shutdown();
    completions.awaitTermination(10, TimeUnit.SECONDS);
  }
}
