package dev.countersign.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The reader thread of an export, on an H2 database of its own. */
class ExportRowsTests {

  private static final DatasetExporter.Filter EVERYTHING = new DatasetExporter.Filter(null, null, null, null);

  // One connection, as a pool hands the same one out again.
  private final SingleConnectionDataSource database =
      new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true);
  private final JdbcTemplate jdbc = new JdbcTemplate(database);
  private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));

  @AfterEach
  void closeTheDatabase() {
    database.destroy();
  }

  @Test
  void handsOverEveryTrainingRowInContentHashOrder() {
    feedback(ExportRows.READ_AHEAD * 3);
    List<ExportRows.Row> read = new ArrayList<>();
    try (ExportRows rows = ExportRows.start(jdbc, transaction, EVERYTHING, "test-reader")) {
      for (ExportRows.Row row = rows.next(); row != null; row = rows.next()) {
        read.add(row);
      }
    }
    // Every tenth row is held out, and the held-out split is never read.
    assertThat(read).hasSize(ExportRows.READ_AHEAD * 3 * 9 / 10);
    assertThat(read).isSortedAccordingTo(Comparator.comparing(ExportRows.Row::contentHash)
        .thenComparing(ExportRows.Row::requestId));
    assertThat(read).allSatisfy(row -> assertThat(row.requestId()).doesNotEndWith("0"));
    assertThat(jdbc.execute((ConnectionCallback<Boolean>) connection ->
        ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).isLazyQueryExecution()))
        .as("the connection goes back as it came").isFalse();
  }

  @Test
  void aWriterThatLeavesEarlyStopsTheReader() throws Exception {
    feedback(ExportRows.READ_AHEAD * 3);
    ExportRows rows = ExportRows.start(jdbc, transaction, EVERYTHING, "early-reader");
    assertThat(rows.next()).isNotNull();
    rows.close();
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("early-reader");
  }

  @Test
  void whatStopsTheReadingReachesTheWriter() {
    try (ExportRows rows = ExportRows.start(jdbc, transaction, EVERYTHING, "failing-reader")) {
      assertThatThrownBy(rows::next).isInstanceOf(BadSqlGrammarException.class).rootCause()
          .hasMessageContaining("Table \"CS_FEEDBACK\" not found");
    }
  }

  private void feedback(int count) {
    jdbc.execute("create table cs_feedback (request_id varchar(36) primary key, use_case varchar(100), "
        + "input_text text, drafts_json text, final_text text, outcome varchar(20), prompt_version varchar(100), "
        + "decided_at timestamp, content_hash varchar(64), held_out boolean, decision varchar(20), "
        + "placeholder boolean)");
    jdbc.execute("create index cs_feedback_export on cs_feedback (content_hash, request_id)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {"request-" + i, "hash-" + (i * 7919 % count), i % 10 == 0});
    }
    jdbc.batchUpdate("insert into cs_feedback values (?, 'support', 'question', '[]', 'answer', 'APPROVED', "
        + "'draft-v1', current_timestamp, ?, ?, 'approve', false)", rows);
  }
}
