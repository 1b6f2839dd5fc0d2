package dev.countersign.datasets;

import dev.countersign.system.PostgresForClass;
import dev.countersign.system.PostgresInstalled;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a PostgreSQL server of its own (Debian's binaries, fsync on), with the postgres profile's
 * settings, as production runs it.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=DatasetExportPostgresBenchmark -Dbench.rows=1000000 -DargLine=-Xmx512m</pre>
 */
@PostgresInstalled
@ActiveProfiles({"test", "postgres"})
class DatasetExportPostgresBenchmark extends DatasetExport {

  @RegisterExtension
  static final PostgresForClass postgres = PostgresForClass.durable();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    postgres.start(registry);
  }

  @Override
  String database() {
    return "PostgreSQL";
  }
}
