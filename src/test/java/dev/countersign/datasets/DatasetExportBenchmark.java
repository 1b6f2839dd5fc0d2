package dev.countersign.datasets;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** <pre>./mvnw test -Pbenchmark -Dtest=DatasetExportBenchmark -Dbench.rows=1000000 -DargLine=-Xmx512m</pre> */
class DatasetExportBenchmark extends DatasetExport {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/datasets-" + UUID.randomUUID());
  }

  @Override
  String database() {
    return "file H2";
  }
}
