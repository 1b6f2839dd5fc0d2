package dev.countersign.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import dev.countersign.TestHttp;
import dev.countersign.system.PostgresServer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What V17 does to data recorded before judgments were task-local (docs/decisions/0001): inherited
 * reasons and rubrics cleared, placeholders and auto-approvals out of what memory recalls. Our
 * migrations need none of the engine's tables, so this runs them alone.
 */
class JudgmentsMigrationTests {

  private DataSource database;
  private JdbcTemplate jdbc;

  @Test
  void onH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:judgments-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    clearsWhatTheNextPersonInheritedAndTakesPlaceholdersAndAutoApprovalsOutOfMemory(h2);
  }

  @Test
  @EnabledIf(value = "dev.countersign.system.PostgresServer#installed",
      disabledReason = "No PostgreSQL (Debian: apt-get install postgresql); .ci/run installs it")
  void onPostgres() throws Exception {
    PostgresServer server = PostgresServer.start(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    try {
      clearsWhatTheNextPersonInheritedAndTakesPlaceholdersAndAutoApprovalsOutOfMemory(
          new DriverManagerDataSource(server.jdbcUrl(), "countersign", "countersign"));
    } finally {
      server.stop();
    }
  }

  private void clearsWhatTheNextPersonInheritedAndTakesPlaceholdersAndAutoApprovalsOutOfMemory(DataSource source) {
    database = source;
    jdbc = new JdbcTemplate(source);
    migrate("16");
    request("redrafted");
    decision("redrafted", 1, "reviewer", "reject", "Name the steps", "{\"accuracy\":1}");
    decision("redrafted", 2, "reviewer2", "approve", "Name the steps", "{\"accuracy\":1}");
    decision("redrafted", 2, "compliance", "approve", "Name the steps", "{\"clarity\":4}");
    decision("redrafted", 3, "reviewer", "approve", "Name the steps", "{\"clarity\":4}");
    feedback("redrafted", "Open Settings.", "approve", "reviewer", "Name the steps");
    request("placeholder");
    feedback("placeholder", "[Drafted without a language model: ... Please write the reply.]", "approve", "reviewer",
        null);
    request("automatic");
    feedback("automatic", "We open at nine.", "auto", "system", null);

    migrate(null);

    assertThat(jdbc.queryForList("select reviewer || ':' || coalesce(reason, '-') || ':' || coalesce(rubric_json, '-') "
        + "from cs_review_decision order by id", String.class)).as("each compared with the decision before it")
        .containsExactly("reviewer:Name the steps:{\"accuracy\":1}", "reviewer2:-:-", "compliance:-:{\"clarity\":4}",
            "reviewer:-:-");
    assertThat(jdbc.queryForObject("select reason from cs_feedback where request_id = 'redrafted'", String.class))
        .as("the last decision's reason was inherited").isNull();
    assertThat(jdbc.queryForList("select request_id from cs_feedback where placeholder", String.class))
        .containsExactly("placeholder");
    assertThat(jdbc.queryForList("select request_id from cs_memory_change order by seq", String.class))
        .as("memory's index drops these").containsExactlyInAnyOrder("placeholder", "automatic");
    assertThat(jdbc.queryForList("select request_id from cs_feedback where " + Examples.APPROVED, String.class))
        .containsExactly("redrafted");
  }

  private void migrate(String target) {
    var flyway = Flyway.configure().dataSource(database).table("cs_schema_history")
        .locations("classpath:db/migration");
    (target == null ? flyway : flyway.target(target)).load().migrate();
  }

  private void request(String id) {
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, created_at) "
        + "values (?, 'pi', 'support', 'medium', 'How?', ?)", id, now());
  }

  private void decision(String request, int attempt, String reviewer, String decision, String reason, String rubric) {
    jdbc.update("insert into cs_review_decision (request_id, attempt, task_key, reviewer, decision, reason, rubric_json, "
        + "decided_at) values (?, ?, 'UserTask_ReviewDraft', ?, ?, ?, ?, ?)", request, attempt, reviewer, decision, reason,
        rubric, now());
  }

  private void feedback(String request, String finalText, String decision, String reviewer, String reason) {
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reason, reviewer, attempts, requested_at, decided_at, review_millis) values (?, 'support', 'medium', "
        + "'How?', '[]', ?, 'APPROVED', ?, ?, ?, 1, ?, ?, 0)", request, finalText, decision, reason, reviewer, now(), now());
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }
}
