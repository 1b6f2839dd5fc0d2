package dev.countersign.datasets;

import dev.countersign.feedback.Examples;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows an export writes, in its order, read on a thread of their own (in a read transaction of
 * their own) at most {@link #READ_AHEAD} rows ahead of the writer. Reading from the database and
 * formatting lines each take about half of an export's CPU, so on two cores each gets one.
 */
final class ExportRows implements AutoCloseable {

  static final int READ_AHEAD = 1_000;
  private static final int FETCH_SIZE = 500;
  private static final Object END = new Object();

  /** One training example as the feedback store keeps it. */
  record Row(String requestId, String useCase, String input, String draftsJson, String finalText,
      String promptVersion, String contentHash) {}

  private record Failure(Throwable cause) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final DatasetExporter.Filter filter;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(READ_AHEAD);
  private final Thread reader;
  private volatile boolean closed;

  private ExportRows(JdbcTemplate jdbc, TransactionTemplate transaction, DatasetExporter.Filter filter, String name) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.filter = filter;
    this.reader = new Thread(this::read, name);
    reader.setDaemon(true);
  }

  static ExportRows start(JdbcTemplate jdbc, TransactionTemplate transaction, DatasetExporter.Filter filter,
      String threadName) {
    ExportRows rows = new ExportRows(jdbc, transaction, filter, threadName);
    rows.reader.start();
    return rows;
  }

  /** The next row, or null after the last; throws what stopped the reading. */
  Row next() {
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the next row to export", e);
    }
    if (item == END) {
      return null;
    }
    if (item instanceof Failure failure) {
      if (failure.cause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) failure.cause();
    }
    return (Row) item;
  }

  /** Stops the reader, if it has not finished, at its next row, and waits for it. */
  @Override
  public void close() {
    closed = true;
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read() {
    Object last = END;
    try {
      // One read transaction: PostgreSQL streams with a fetch size only inside one.
      transaction.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) this::read));
    } catch (RuntimeException | Error e) {
      last = new Failure(e);
    }
    hand(last);
  }

  private Void read(Connection connection) throws SQLException {
    boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
    Query query = Query.of(filter, h2);
    if (h2) {
      lazy(connection, true);
    }
    try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
      statement.setFetchSize(FETCH_SIZE);
      for (int i = 0; i < query.args().size(); i++) {
        statement.setObject(i + 1, query.args().get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        boolean wanted = true;
        while (wanted && rs.next()) {
          wanted = hand(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7)));
        }
      }
    } finally {
      if (h2) {
        lazy(connection, false);
      }
    }
    return null;
  }

  /** Waits for room; false once the writer has gone. Never interrupted: H2 closes its file on interrupts. */
  private boolean hand(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * H2 otherwise reads every row of a query into its result before handing over the first, in
   * memory up to a share of the heap and then in a temporary file. The connection goes back to the
   * pool as it came.
   */
  private static void lazy(Connection connection, boolean on) throws SQLException {
    try (Statement set = connection.createStatement()) {
      set.execute("set lazy_query_execution " + on);
    }
  }

  /**
   * The rows an export reads, in its order. The index on (content_hash, request_id) gives that
   * order, so nothing is sorted and the first row comes at once. H2 is told to walk it: given a
   * filter, it would otherwise take the filter's index and sort what it finds.
   */
  record Query(String sql, List<Object> args) {

    static Query of(DatasetExporter.Filter filter, boolean h2) {
      StringBuilder sql = new StringBuilder("select request_id, use_case, input_text, drafts_json, final_text, "
          + "prompt_version, content_hash from cs_feedback" + (h2 ? " use index (cs_feedback_export)" : "")
          + " where " + Examples.TRAINING);
      List<Object> args = new ArrayList<>();
      condition(sql, args, " and use_case = ?", filter.useCase());
      condition(sql, args, " and decided_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
      condition(sql, args, " and decided_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
      condition(sql, args, " and prompt_version = ?", filter.promptVersion());
      sql.append(" order by content_hash, request_id");
      return new Query(sql.toString(), args);
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
      if (value != null) {
        sql.append(clause);
        args.add(value);
      }
    }
  }
}
