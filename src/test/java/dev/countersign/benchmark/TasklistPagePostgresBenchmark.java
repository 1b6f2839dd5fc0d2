package dev.countersign.benchmark;

import dev.countersign.TestHttp;
import dev.countersign.system.PostgresInstalled;
import dev.countersign.system.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a PostgreSQL server of its own (Debian's binaries, fsync on), with the postgres profile's
 * settings, as production runs it.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=TasklistPagePostgresBenchmark -Dbench.tasks=100000</pre>
 */
@PostgresInstalled
@ActiveProfiles({"test", "postgres"})
class TasklistPagePostgresBenchmark extends TasklistPage {

  private static PostgresServer postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    // Runs once, just before the Spring context is built.
    postgres = PostgresServer.startDurable(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    postgres.registerAsDataSource(registry);
    registry.add("countersign.identity.demo-users", () -> "true");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Override
  String database() {
    return "PostgreSQL";
  }
}
