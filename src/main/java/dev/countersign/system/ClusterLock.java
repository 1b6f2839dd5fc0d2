package dev.countersign.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One node at a time, across every node of a cluster: a PostgreSQL advisory lock, held on a
 * connection of its own for as long as the work runs and released by the database if the node
 * dies holding it. For the start-up steps that check whether something exists and then create it
 * (the engine's schema, groups, users and grants, the retraining timer's cycle), which two nodes
 * starting together would otherwise both do. H2 serves one process, so there it is no lock.
 */
@Component
public class ClusterLock {

  private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);
  /** Any constant shared by every node; Flyway's own lock uses another key. */
  private static final long KEY = 0x436f756e74657273L;

  private final DataSource dataSource;

  public ClusterLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} while no other node runs work under this lock. */
  public <T> T exclusively(String what, Supplier<T> work) {
    try (Held held = hold(what)) {
      return work.get();
    }
  }

  public void exclusively(String what, Runnable work) {
    exclusively(what, () -> {
      work.run();
      return null;
    });
  }

  /** The lock until the returned handle is closed, for work that starts and ends in different callbacks. */
  Held hold(String what) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return new Held(null);
      }
      long asked = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + KEY + ")");
      }
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
      if (waitedMillis >= 100) {
        log.info("Waited {} ms for another node before: {}", waitedMillis, what);
      }
      return new Held(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the cluster lock for: " + what, e);
    }
  }

  static final class Held implements AutoCloseable {

    private final Connection connection;

    private Held(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void close() {
      if (connection == null) {
        return;
      }
      try (connection; Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_unlock(" + KEY + ")");
      } catch (SQLException e) {
        // Closing the connection ends its session, which releases the lock too.
        log.warn("Could not release the cluster lock explicitly: {}", e.getMessage());
      }
    }
  }
}
