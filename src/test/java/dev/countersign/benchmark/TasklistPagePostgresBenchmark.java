package dev.countersign.benchmark;

import dev.countersign.system.PostgresForClass;
import dev.countersign.system.PostgresInstalled;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a PostgreSQL server of its own (Debian's binaries, or those {@code -Dpostgres.bin} names; fsync
 * on), with the postgres profile's settings, as production runs it.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=TasklistPagePostgresBenchmark -Dbench.tasks=100000</pre>
 */
@PostgresInstalled
@ActiveProfiles({"test", "postgres"})
class TasklistPagePostgresBenchmark extends TasklistPage {

  @RegisterExtension
  static final PostgresForClass postgres = PostgresForClass.durable();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    postgres.start(registry);
    registry.add("countersign.identity.demo-users", () -> "true");
  }

  @Autowired JdbcTemplate jdbc;

  @Override
  String database() {
    return "PostgreSQL " + jdbc.queryForObject("show server_version", String.class);
  }
}
