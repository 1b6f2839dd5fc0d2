package dev.countersign.memory;

import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How memory finds the nearest requests: {@code MEMORY_INDEX=hnsw} (the default), an approximate
 * index rebuilt from the database, or {@code scan}, the exact comparison with every vector of the
 * use case. The index lives in {@code MEMORY_INDEX_DIR}; by default beside a file H2 database, and
 * in memory otherwise (rebuilt on every start).
 */
@Configuration(proxyBeanMethods = false)
class MemoryIndexConfig {

  static final String MODE = "countersign.memory.index";
  static final String DIRECTORY = "countersign.memory.index-dir";
  private static final String H2_FILE = "jdbc:h2:file:";

  @Bean
  NearestRequests nearestRequests(DecidedRequests decided, EmbeddingSpace space, Environment environment) {
    VectorScan scan = new VectorScan(decided, space);
    String mode = environment.getProperty(MODE, "hnsw");
    return switch (mode) {
      case "scan" -> scan;
      case "hnsw" -> new VectorIndex(decided, space, scan, location(environment, space));
      default -> throw new IllegalStateException(MODE + " (MEMORY_INDEX) is hnsw or scan, not '" + mode + "'");
    };
  }

  /** One directory per embedding space: vectors of different models never share an index. */
  static Path location(Environment environment, EmbeddingSpace space) {
    String folder = space.name().replaceAll("[^A-Za-z0-9._-]", "_");
    String configured = environment.getProperty(DIRECTORY, "");
    if (!configured.isBlank()) {
      return Path.of(configured, folder);
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.startsWith(H2_FILE)) {
      String file = url.substring(H2_FILE.length()).split(";", 2)[0];
      return Path.of(file + ".memory-index", folder);
    }
    return null;
  }
}
