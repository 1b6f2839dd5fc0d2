package dev.countersign.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On H2, drops the engine's indexes that Countersign never reads: the tenant indexes of the runtime
 * and history tables (Countersign has no tenants) and the case (CMMN) indexes of the history tables
 * (it has no case models). Every insert still paid for them, and an H2 commit rewrites every index
 * page it changed: a review writes about 34 history details, 32 variables and 16 activity instances.
 * What that saves is within the spread between benchmark runs (the README's benchmark). The task's
 * tenant index also misled H2's plan for the Tasklist's page ({@code TENANT_ID_ IS NULL} instead of
 * newest first). Runs after the engine has built its schema; PostgreSQL keeps its indexes.
 */
@Component
class H2UnusedIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(H2UnusedIndexes.class);

  /** Names as Camunda 7.24's H2 create scripts give them; a test checks that each still exists there. */
  static final String TASK_TENANT = "ACT_IDX_TASK_TENANT_ID";
  static final List<String> DROPPED = List.of(TASK_TENANT,
      "ACT_IDX_EXEC_TENANT_ID", "ACT_IDX_VARIABLE_TENANT_ID", "ACT_IDX_EXT_TASK_TENANT_ID", "ACT_IDX_JOB_TENANT_ID",
      "ACT_IDX_EVENT_SUBSCR_TENANT_ID", "ACT_IDX_INC_TENANT_ID",
      "ACT_IDX_HI_PRO_INST_TENANT_ID", "ACT_IDX_HI_ACT_INST_TENANT_ID", "ACT_IDX_HI_DETAIL_TENANT_ID",
      "ACT_IDX_HI_IDENT_LNK_TENANT_ID", "ACT_IDX_HI_TASK_INST_TENANT_ID", "ACT_IDX_HI_VAR_INST_TENANT_ID",
      "ACT_IDX_HI_INCIDENT_TENANT_ID", "ACT_IDX_HI_JOB_LOG_TENANT_ID", "ACT_HI_EXT_TASK_LOG_TENANT_ID",
      "ACT_IDX_HI_DEC_INST_TENANT_ID",
      "ACT_IDX_HI_DEC_INST_CI", "ACT_IDX_HI_DETAIL_CASE_INST", "ACT_IDX_HI_DETAIL_CASE_EXEC",
      "ACT_IDX_HI_CASEVAR_CASE_INST");

  private final DataSource dataSource;

  H2UnusedIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try (Connection connection = dataSource.getConnection()) {
      if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        for (String index : DROPPED) {
          statement.execute("drop index if exists " + index);
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      log.debug("H2: dropped the engine's {} tenant and case indexes, which Countersign never reads", DROPPED.size());
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop the engine's unused H2 indexes", e);
    }
  }
}
