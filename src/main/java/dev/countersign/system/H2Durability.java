package dev.countersign.system;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes an H2 file database write each commit before the commit returns. H2 otherwise holds
 * commits in memory for up to its WRITE_DELAY (500 ms), so a killed process loses commits whose
 * callers were already answered: a request acknowledged with 201, a completed task. H2 does not
 * keep the setting across restarts, so it is set on every pooled connection, from the first one
 * (Flyway's) on, whatever DB_URL says.
 */
@Component
class H2Durability implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

  private final int writeDelayMillis;

  H2Durability(Environment environment) {
    this.writeDelayMillis = environment.getProperty("countersign.database.h2-write-delay", Integer.class, 0);
    if (writeDelayMillis < 0) {
      throw new IllegalArgumentException("countersign.database.h2-write-delay (H2_WRITE_DELAY) must be 0 or more");
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource pool && isPersistentH2(pool.getJdbcUrl())) {
      pool.setConnectionInitSql("SET WRITE_DELAY " + writeDelayMillis);
      // Settings after ';' may carry credentials.
      String database = pool.getJdbcUrl().split(";", 2)[0];
      if (writeDelayMillis == 0) {
        log.info("H2 database {}: every commit is written to its file before it returns (WRITE_DELAY 0), "
            + "so a killed process loses nothing it acknowledged", database);
      } else {
        log.warn("H2 database {} runs with WRITE_DELAY {} ms (H2_WRITE_DELAY): a crash loses the commits of "
            + "its last {} ms, including requests already answered 201", database, writeDelayMillis, writeDelayMillis);
      }
    }
    return bean;
  }

  private static boolean isPersistentH2(String url) {
    return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
  }
}
