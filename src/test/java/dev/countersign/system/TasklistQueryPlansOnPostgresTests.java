package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On PostgreSQL the Tasklist's task query looks each open task's grants up by the task, instead of
 * comparing every task with every grant (which grows with the square of open tasks). With the
 * postgres profile's connection settings, as production runs.
 */
@StoreTest
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles({"test", "postgres"})
@PostgresInstalled
class TasklistQueryPlansOnPostgresTests {

  private static final int TASKS = 3_000;

  /**
   * The engine's count for the Tasklist's first page, as Camunda 7.24 sends it to PostgreSQL. The
   * page query has the same joins.
   */
  private static final String COUNT = """
      SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_
      from ACT_RU_TASK RES
      left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
      left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A
        WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( $1, '*') OR A.GROUP_ID_ IN ( $2 ) )
        AND ( ( A.RESOURCE_TYPE_ = $3 AND A.PERMS_ & $4 = $5 OR A.RESOURCE_TYPE_ = $6 AND A.PERMS_ & $7 = $8 ) ) )
      AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
      WHERE ( 1 = 1 and RES.SUSPENSION_STATE_ = 1 )
        and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )
      ) countDistinct""";
  private static final String AS_REVIEWER = "('reviewer', 'reviewers', 7, 2, 2, 6, 64, 64)";

  @RegisterExtension
  static final PostgresForClass postgres = PostgresForClass.fast();
  private static PostgresServer server;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    server = postgres.start(registry);
  }

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuthorizationService authorizations;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ProcessEngineConfigurationImpl engine;

  /**
   * As pgjdbc runs it from the sixth time on a connection: prepared on the server, where PostgreSQL
   * may switch to one generic plan after five planned with the values.
   */
  @Test
  void eachTasksGrantsAreLookedUpByTheTaskEveryTimeTheQueryRuns() {
    deployOneTask("tasklist-plan", "reviewers");
    for (int task = 0; task < TASKS; task++) {
      runtime.startProcessInstanceByKey("tasklist-plan");
    }
    // What autovacuum does once enough rows have changed.
    jdbc.execute("analyze");

    List<String> plans = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute("prepare tasklist_count (varchar, varchar, int, int, int, int, int, int) as " + COUNT);
        List<String> explained = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
          StringBuilder plan = new StringBuilder();
          try (ResultSet lines = statement.executeQuery("explain execute tasklist_count " + AS_REVIEWER)) {
            while (lines.next()) {
              plan.append(lines.getString(1)).append('\n');
            }
          }
          explained.add(plan.toString());
        }
        statement.execute("deallocate tasklist_count");
        return explained;
      }
    });

    assertThat(plans).allSatisfy(plan -> assertThat(plan).as(plan).contains("act_idx_auth_resource_id")
        .doesNotContain("Join Filter: (((a.resource_id_)::text = (res.id_)::text)"));
    assertThat(jdbc.queryForList("select stxname from pg_statistic_ext", String.class))
        .containsAll(TasklistQueryPlans.POSTGRES_STATISTICS.stream().map(TasklistQueryPlans.PermissionStatistics::name)
            .toList());
  }

  /**
   * The Tasklist's first page stops after 15 tasks, and on PostgreSQL 16 and later a plan without
   * workers does that in about 2 ms; with PostgreSQL's default cost of starting them, it waited for
   * two, 25 to 50 ms on the 2-core machine. At 100,000 tasks (the README's benchmark; too many to
   * seed here) costs of 2,000, 5,000 and 10,000 gave that plan and kept the count parallel.
   */
  @Test
  void theProfilesConnectionsStartParallelWorkersOnlyWhereTheySaveMuch() {
    assertThat(jdbc.queryForObject("show parallel_setup_cost", Double.class)).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void aConnectionThatMayUseGenericPlansIsNamedInTheLog(CapturedOutput output) throws Exception {
    jdbc.execute((ConnectionCallback<Void>) connection -> {
      TasklistQueryPlans.warnOfGenericPlans(connection);
      return null;
    });
    assertThat(output).doesNotContain("plan_cache_mode is");

    try (Connection bare = DriverManager.getConnection(server.jdbcUrl(), "countersign", "countersign")) {
      TasklistQueryPlans.warnOfGenericPlans(bare);
    }
    assertThat(output).contains("plan_cache_mode is auto, not force_custom_plan");
  }

  /**
   * The engine asks which groups have any authorization before its first check in a command;
   * {@link AuthorizedGroups} answers by walking the group index, and must give the same groups as
   * the engine's own query, whatever kind of authorization a group has.
   */
  @Test
  void theGroupsWithAuthorizationsAreReadFromTheGroupIndexAndAreTheEnginesOwn() {
    authorization(Authorization.AUTH_TYPE_REVOKE, "revoked-only", Resources.TASK, "some-task");
    authorization(Authorization.AUTH_TYPE_GRANT, "granted-once", Resources.PROCESS_DEFINITION, "tasklist-groups");
    Authorization global = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    global.setUserId(Authorization.ANY);
    global.setResource(Resources.FILTER);
    global.setResourceId("some-filter");
    global.addPermission(Permissions.READ);
    authorizations.saveAuthorization(global);

    Set<String> read = engine.getCommandExecutorTxRequired().execute((Command<Set<String>>) context ->
        new HashSet<>(((AuthorizedGroups.Manager) context.getAuthorizationManager()).getAllGroups()));

    assertThat(read).containsAll(List.of("revoked-only", "granted-once", "reviewers", "camunda-admin"))
        .isEqualTo(new HashSet<>(jdbc.queryForList(
            "select distinct group_id_ from act_ru_authorization where group_id_ is not null", String.class)));
  }

  @Test
  void aGroupSeesTheTasksItIsGrantedAndNoOthers() {
    deployOneTask("tasklist-groups", "senior-reviewers");
    String instance = runtime.startProcessInstanceByKey("tasklist-groups").getId();
    try {
      identity.setAuthentication("senior", List.of("senior-reviewers"));
      assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isEqualTo(1);
      identity.setAuthentication("reviewer", List.of("reviewers"));
      assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A process of one user task for {@code group}; each task is granted to the group as it is created. */
  private void deployOneTask(String key, String group) {
    repository.createDeployment().addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key)
        .camundaHistoryTimeToLive(180).startEvent().userTask("UserTask_Open").camundaCandidateGroups(group).endEvent()
        .done()).deploy();
  }

  private void authorization(int type, String group, Resources resource, String resourceId) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(Permissions.READ);
    authorizations.saveAuthorization(authorization);
  }
}
