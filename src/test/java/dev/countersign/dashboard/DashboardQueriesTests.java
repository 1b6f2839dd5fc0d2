package dev.countersign.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.memory.EmbeddingSpace;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's queries against 100,000 decided reviews over 100 days ({@link DecidedReviews}): each
 * windowed statement finds its rows through an index (the plan names it; no table scan), and the
 * figures count the window's rows only.
 */
@StoreTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesTests {

  private static final int DECIDED = 100_000;
  private static final Instant NOW = Instant.now();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired Dashboard dashboard;
  @Autowired EmbeddingSpace space;

  @BeforeAll
  void decidedReviews() {
    DecidedReviews.seed(jdbc, DECIDED, NOW, space.name());
  }

  @Test
  void everyWindowedQueryReadsThroughAnIndex() {
    for (String sql : DashboardQueries.WINDOWED) {
      String plan = String.join("\n", jdbc.queryForList("explain " + sql.replace("?", "'x'").replace("decided_at >= 'x'",
          "decided_at >= timestamp '2026-01-01 00:00:00'").replace("created_at >= 'x'",
          "created_at >= timestamp '2026-01-01 00:00:00'"), String.class));
      assertThat(plan).as(sql).doesNotContainIgnoringCase("tableScan").containsIgnoringCase("_AT: ");
    }
  }

  @Test
  void theFiguresCountTheWindowOnly() {
    DashboardFigures figures = dashboard.figures(NOW);

    long decisions = figures.decisionsPerHour().stream().mapToLong(DashboardFigures.Decisions::count).sum();
    assertThat(decisions).as("the thousand decided in the last 24 hours").isBetween(999L, 1_000L);
    assertThat(figures.timeToDecision()).hasSize(3).allSatisfy(tier -> {
      assertThat(tier.p50Minutes()).isBetween(5.0, 6.0);
      assertThat(tier.p90Minutes()).isBetween(9.0, 10.0);
    });
    assertThat(figures.tokens()).hasSize(10).allSatisfy(row -> {
      assertThat(row.promptTokens()).isEqualTo(row.drafts() * 100);
      assertThat(row.cost()).as("gpt-4o-mini is priced by default").isNotNull();
    });
    long escalated = figures.escalationsAndCompliance().stream().mapToLong(DashboardFigures.TaskDecisions::count).sum();
    assertThat(escalated).isBetween(19L, 20L);
    assertThat(figures.automation().recent().decidedByPeople()).isEqualTo(decisions);
    assertThat(figures.learning().memorySize()).hasSize(10).allSatisfy((useCase, size) ->
        assertThat(size).as("memory counts every decided review, not the window").isEqualTo(DECIDED / 10));
  }
}
