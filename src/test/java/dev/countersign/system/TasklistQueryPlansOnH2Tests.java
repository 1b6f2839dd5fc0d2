package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** On H2 the Tasklist's page query reads tasks newest first, not every task through the tenant index. */
@StoreTest
class TasklistQueryPlansOnH2Tests {

  /**
   * The engine's query for the Tasklist's first page as `reviewer` (as Camunda 7.24 logs it at
   * DEBUG for TaskEntity), with the parameters written in.
   */
  private static final String PAGE = """
      select distinct RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, RES.PRIORITY_,
        RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_, RES.PROC_INST_ID_,
        RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_, RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_,
        RES.DUE_DATE_, RES.FOLLOW_UP_DATE_, RES.SUSPENSION_STATE_, RES.TENANT_ID_, RES.LAST_UPDATED_, RES.TASK_STATE_
      from ACT_RU_TASK RES
      left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
      left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A
        WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( 'reviewer', '*') OR A.GROUP_ID_ IN ( 'reviewers' ) )
        AND ( ( A.RESOURCE_TYPE_ = 7 AND BITAND(A.PERMS_,CAST(2 AS BIGINT)) = 2
          OR A.RESOURCE_TYPE_ = 6 AND BITAND(A.PERMS_,CAST(64 AS BIGINT)) = 64 ) ) )
      AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
      WHERE ( 1 = 1 and RES.SUSPENSION_STATE_ = 1 )
        and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) and (RES.TENANT_ID_ is null )
      order by RES.CREATE_TIME_ desc
      LIMIT 15 OFFSET 0""";

  @Autowired JdbcTemplate jdbc;

  @Test
  void thePageQueryReadsTasksThroughTheirCreationTime() {
    assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes where index_name = ?",
        Long.class, H2UnusedIndexes.TASK_TENANT)).isZero();

    String plan = String.join("\n", jdbc.queryForList("explain " + PAGE, String.class));

    assertThat(plan).contains("ACT_IDX_TASK_CREATE").doesNotContain("TENANT_ID_ IS NULL */");
  }
}
