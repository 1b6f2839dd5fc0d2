package dev.countersign.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's queries against 100,000 decided reviews over 100 days, a thousand a day: each
 * windowed statement finds its rows through an index (the plan names it; no table scan), and the
 * figures count the window's rows only.
 */
@StoreTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesTests {

  private static final int DECIDED = 100_000;
  private static final int PER_DAY = 1_000;
  private static final Instant NOW = Instant.now();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired Dashboard dashboard;

  @BeforeAll
  void decidedReviews() {
    for (int from = 0; from < DECIDED; from += 5_000) {
      List<Integer> rows = IntStream.range(from, Math.min(DECIDED, from + 5_000)).boxed().toList();
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'seeded', ?, ?, 'A question', 'requester', ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 10);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setTimestamp(4, decidedAt(i));
          });
      jdbc.batchUpdate("insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version, "
          + "prompt_tokens, completion_tokens, created_at) values (?, 1, 'A draft', 'gpt-4o-mini', 'draft-v2', 100, 50, ?)",
          rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setTimestamp(2, decidedAt(i));
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, review_mode) "
          + "values (?, ?, ?, 'A question', '[]', 'An answer', 'APPROVED', ?, 'reviewer', 1, ?, ?, ?, 'SINGLE')",
          rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 10);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setString(4, i % 4 == 0 ? "edit" : "approve");
            ps.setTimestamp(5, decidedAt(i));
            ps.setTimestamp(6, decidedAt(i));
            ps.setLong(7, 60_000L * (1 + i % 10));
          });
      jdbc.batchUpdate("insert into cs_review_decision (request_id, task_key, reviewer, decision, decided_at) "
          + "values (?, ?, 'reviewer', ?, ?)", rows, rows.size(), (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, i % 50 == 0 ? "UserTask_EscalatedReview" : "UserTask_ReviewDraft");
            ps.setString(3, i % 4 == 0 ? "edit" : "approve");
            ps.setTimestamp(4, decidedAt(i));
          });
    }
    jdbc.execute("analyze");
  }

  /** Review {@code i} was decided {@code i / PER_DAY} days and a few minutes ago: the newest 1,000 in the last day. */
  private static Timestamp decidedAt(int i) {
    return Timestamp.from(NOW.minus(Duration.ofDays(i / PER_DAY)).minusSeconds(60 + i % PER_DAY * 60L));
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
  }
}
