package dev.countersign.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline our cost per review is measured against: a bare Camunda process of the same shape
 * as llm-output-review up to "task ready" (start, the same review-routing decision, two external
 * tasks done by trivial handlers over the same REST client, a user task for the routed group), in
 * the same engine, on the same database, with the same authorization and history. What it lacks
 * is everything that is ours: the request registry, listeners, the audit trail, drafting,
 * screening, memory and the worker pool.
 */
final class BareBaseline implements AutoCloseable {

  static final String PROCESS_KEY = "bare-review";
  static final String USER_TASK = "UserTask_Bare";
  private static final String GENERATE = "bare-generate";
  private static final String SCREEN = "bare-screen";

  private final ExternalTaskClient client;
  private final ExecutorService completions;

  private BareBaseline(ExternalTaskClient client, ExecutorService completions) {
    this.client = client;
    this.completions = completions;
  }

  /** Deploys the bare process, lets requesters start it, and opens its handlers against {@code engineRest}. */
  static BareBaseline start(RepositoryService repository, AuthorizationService authorizations, String engineRest,
      String workerUser, String workerPassword, int concurrency) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_KEY).camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_Bare")
        .businessRuleTask("BusinessRuleTask_Route").camundaDecisionRef("review-routing")
        .camundaMapDecisionResult("singleResult").camundaResultVariable("routing")
        .serviceTask("ServiceTask_Generate").camundaExternalTask(GENERATE)
        .serviceTask("ServiceTask_Screen").camundaExternalTask(SCREEN)
        .userTask(USER_TASK).camundaCandidateGroups("${routing.reviewerGroup}")
        .endEvent()
        .done();
    repository.createDeployment().name(PROCESS_KEY).addModelInstance(PROCESS_KEY + ".bpmn", model).deploy();
    Authorization start = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    start.setGroupId("requesters");
    start.setResource(Resources.PROCESS_DEFINITION);
    start.setResourceId(PROCESS_KEY);
    start.addPermission(Permissions.READ);
    start.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(start);

    ExecutorService completions = Executors.newFixedThreadPool(concurrency);
    ExternalTaskClient client = ExternalTaskClient.create().baseUrl(engineRest)
        .addInterceptor(new BasicAuthProvider(workerUser, workerPassword))
        .workerId("bare-baseline").maxTasks(concurrency).asyncResponseTimeout(10_000).lockDuration(60_000).build();
    // Trivial handlers, completed on a pool as ours are, so the client keeps fetching meanwhile.
    client.subscribe(GENERATE).handler((task, service) -> completions.execute(() ->
        service.complete(task, Map.of("draft", "A drafted reply for the benchmark.")))).open();
    client.subscribe(SCREEN).handler((task, service) -> completions.execute(() ->
        service.complete(task, Map.of("piiFound", false, "policyHit", false, "judgeScore", 0.5)))).open();
    return new BareBaseline(client, completions);
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
  public void close() throws InterruptedException {
    client.stop();
    completions.shutdown();
    completions.awaitTermination(10, TimeUnit.SECONDS);
  }
}
