package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTableTests {

  @Test
  void eachFigureIsSetAgainstItsGoalWhicheverWayTheGoalPoints() {
    String table = BenchmarkTable.table(List.of(
        "P3\tTasklist page p95\tAT_MOST\t30.0\t29.3\tms",
        "P2\tLLM-stage utilisation\tAT_LEAST\t0.9\t0.77\t",
        "P1\tbare Camunda, reviews/s\tNONE\tNaN\t45.7\treviews/s"));

    assertThat(table.lines().filter(line -> line.startsWith("| P")).toList()).containsExactly(
        "| P3 | Tasklist page p95 | ≤ 30 ms | 29.30 ms | 0.98 | yes |",
        "| P2 | LLM-stage utilisation | ≥ 0.90 | 0.77 | 0.86 | **no** |",
        "| P1 | bare Camunda, reviews/s | (for comparison) | 45.70 reviews/s | | |");
  }

  @Test
  void aRunWithoutFiguresSaysSo() {
    assertThat(BenchmarkTable.table(List.of())).contains("no figure was reported");
  }
}
