package dev.countersign.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner of each database off the plans that make the Tasklist slow with many open
 * tasks. Every open task has a grant row of its own (the engine grants its candidate group), and
 * the engine's task query joins each task to the grants with {@code AUTH.RESOURCE_ID_ IN (RES.ID_,
 * D.KEY_, '*')}. Runs after the engine has built its schema. Figures and plans: the README's
 * benchmark, "The Tasklist at 100,000 open tasks".
 *
 * <ul>
 *   <li>H2: {@link H2UnusedIndexes} drops Camunda's index on the task's tenant. Countersign has no
 *       tenants, so it narrows nothing, but H2 read the page query through it ({@code TENANT_ID_ IS
 *       NULL}) instead of newest first through {@code ACT_IDX_TASK_CREATE}: every task joined and
 *       sorted to show 15.
 *   <li>PostgreSQL: statistics on the permission bits the task query tests ({@code PERMS_ & 2 = 2}).
 *       Without them the planner guesses that 0.5% of grant rows pass, expects a hundred where there
 *       is one per task, and compares every task with every grant: 400 million comparisons, 37 s, at
 *       20,000 tasks. With them it looks each task's grants up through {@code ACT_IDX_AUTH_RESOURCE_ID}.
 *       The bits are parameters of the query, so a generic plan cannot use the statistics: the
 *       postgres profile has every connection plan with its values ({@code application-postgres.yaml}).
 * </ul>
 */
@Component
class TasklistQueryPlans extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TasklistQueryPlans.class);
  /** Name and permission bit: read on a task, read the tasks of a process definition. */
  static final List<PermissionStatistics> POSTGRES_STATISTICS = List.of(
      new PermissionStatistics("cs_auth_perms_read", TaskPermissions.READ.getValue()),
      new PermissionStatistics("cs_auth_perms_read_task", ProcessDefinitionPermissions.READ_TASK.getValue()));

  record PermissionStatistics(String name, int bit) {

    String create() {
      return "create statistics if not exists " + name + " on (perms_ & " + bit + ") from act_ru_authorization";
    }
  }

  private final DataSource dataSource;

  TasklistQueryPlans(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData database = connection.getMetaData();
      if (!"PostgreSQL".equals(database.getDatabaseProductName())) {
        return;
      }
      if (database.getDatabaseMajorVersion() >= 14) {
        createPermissionStatistics(connection);
        warnOfGenericPlans(connection);
      } else {
        log.warn("PostgreSQL {} has no statistics on expressions (14 has): the Tasklist's task query may compare "
            + "every open task with every grant", database.getDatabaseProductVersion());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not tune the Tasklist's query plans", e);
    }
  }

  private static void createPermissionStatistics(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (PermissionStatistics statistics : POSTGRES_STATISTICS) {
        statement.execute(statistics.create());
      }
      // Once now, so that the first plans use them; autovacuum's analyses keep them up to date.
      statement.execute("analyze act_ru_authorization");
    } catch (SQLException e) {
      // Only a plan depends on it: another node starting at the same time may have raced us to it.
      log.warn("PostgreSQL: could not create statistics on act_ru_authorization's permissions ({}); the Tasklist's "
          + "task query may compare every open task with every grant", e.getMessage());
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      return;
    }
    commit(connection);
    log.debug("PostgreSQL: statistics on the grants' permission bits, so that task queries look grants up by task");
  }

  /** The statistics only reach plans made with the query's values; see application-postgres.yaml. */
  static void warnOfGenericPlans(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("show plan_cache_mode")) {
      mode.next();
      if (!"force_custom_plan".equals(mode.getString(1))) {
        log.warn("PostgreSQL: plan_cache_mode is {}, not force_custom_plan (the postgres profile's setting; an options= in "
            + "DB_URL replaces it): with many open tasks the Tasklist's task query may compare every task with every "
            + "grant", mode.getString(1));
      }
    }
    commit(connection);
  }

  private static void commit(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }
}
