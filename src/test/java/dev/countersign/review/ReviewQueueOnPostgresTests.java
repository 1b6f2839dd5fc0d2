package dev.countersign.review;

import dev.countersign.system.PostgresForClass;
import dev.countersign.system.PostgresInstalled;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same counts on PostgreSQL, where the query reads the engine's tables under their own names. */
@ActiveProfiles({"test", "postgres"})
@PostgresInstalled
class ReviewQueueOnPostgresTests extends ReviewQueueTests {

  @RegisterExtension
  static final PostgresForClass postgres = PostgresForClass.fast();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    postgres.start(registry);
  }
}
