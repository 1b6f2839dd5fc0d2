package dev.countersign.review;

import dev.countersign.TestHttp;
import dev.countersign.system.PostgresInstalled;
import dev.countersign.system.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same counts on PostgreSQL, where the query reads the engine's tables under their own names. */
@ActiveProfiles({"test", "postgres"})
// Its server is stopped after the class: the context closes then too, rather than at the JVM's exit.
@DirtiesContext
@PostgresInstalled
class ReviewQueueOnPostgresTests extends ReviewQueueTests {

  private static PostgresServer postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    postgres = PostgresServer.start(PostgresServer.installation().orElseThrow(), TestHttp.freePort());
    postgres.registerAsDataSource(registry);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.stop();
    }
  }
}
