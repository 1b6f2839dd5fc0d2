package dev.countersign.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On H2, drops Camunda's index on the task's tenant. Countersign has no tenants, so every task's
 * tenant is null and the index narrows nothing, but H2's planner still reads the Tasklist's page
 * query through it ({@code TENANT_ID_ IS NULL}): every open task, joined to its grants and sorted,
 * to show 15. Without it H2 reads tasks newest first through {@code ACT_IDX_TASK_CREATE} and stops
 * at the page (1,181 ms against 8 to 28 ms at 20,000 open tasks; see the README's benchmark). Runs
 * after the engine has built its schema; PostgreSQL keeps the index.
 */
@Component
class TasklistIndexOnH2 extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TasklistIndexOnH2.class);
  static final String INDEX = "ACT_IDX_TASK_TENANT_ID";

  private final DataSource dataSource;

  TasklistIndexOnH2(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try (Connection connection = dataSource.getConnection()) {
      if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("drop index if exists " + INDEX);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      log.debug("H2: {} is not used, so the Tasklist's page reads tasks newest first", INDEX);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop " + INDEX + " on H2", e);
    }
  }
}
