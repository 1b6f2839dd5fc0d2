package dev.countersign.benchmark;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** <pre>./mvnw test -Pbenchmark -Dtest=TasklistPageBenchmark -Dbench.tasks=100000</pre> */
class TasklistPageBenchmark extends TasklistPage {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/tasklist-" + UUID.randomUUID());
  }

  @Override
  String database() {
    return "file H2";
  }
}
