package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/** The engine's tenant and case indexes are gone on H2, and each name is one the engine creates. */
@StoreTest
class H2UnusedIndexesTests {

  @Autowired JdbcTemplate jdbc;

  @Test
  void noneOfTheUnusedIndexesIsLeft() {
    List<String> left = jdbc.queryForList("select index_name from information_schema.indexes", String.class).stream()
        .filter(H2UnusedIndexes.DROPPED::contains).toList();

    assertThat(left).isEmpty();
    // Their tables are still indexed by what the engine reads them by.
    assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes where index_name = ?",
        Long.class, "ACT_IDX_HI_DETAIL_PROC_INST")).isOne();
  }

  /** A name Camunda renamed would make "drop index if exists" drop nothing, silently. */
  @Test
  void everyDroppedIndexIsOneTheEngineCreates() throws IOException {
    StringBuilder scripts = new StringBuilder();
    Resource[] found = new PathMatchingResourcePatternResolver()
        .getResources("classpath*:org/camunda/bpm/engine/db/create/activiti.h2.create.*.sql");
    for (Resource script : found) {
      try (InputStream in = script.getInputStream()) {
        scripts.append(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase());
      }
    }
    assertThat(found).isNotEmpty();

    for (String index : H2UnusedIndexes.DROPPED) {
      assertThat(scripts).as(index).contains("INDEX " + index + " ON ");
    }
  }
}
