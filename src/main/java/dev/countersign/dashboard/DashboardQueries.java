package dev.countersign.dashboard;

import java.util.List;

/**
 * The dashboard's SQL. Each reads only the window, through an index on its time column, so a
 * refresh costs the same with a million decided reviews as with a thousand
 * ({@code DashboardQueriesTests} checks the plans).
 */
final class DashboardQueries {

  static final String DECISIONS_PER_HOUR = """
      select cast(decided_at as date), extract(hour from decided_at), use_case, decision, count(*)
      from cs_feedback where decided_at >= ?
      group by cast(decided_at as date), extract(hour from decided_at), use_case, decision""";

  static final String TIME_TO_DECISION = """
      select risk_tier, count(*),
        percentile_cont(0.5) within group (order by review_millis),
        percentile_cont(0.9) within group (order by review_millis)
      from cs_feedback where decided_at >= ? group by risk_tier""";

  static final String TASK_DECISIONS = """
      select task_key, decision, count(*) from cs_review_decision
      where decided_at >= ? and task_key in (?, ?) group by task_key, decision""";

  static final String TOKENS = """
      select r.use_case, d.model, count(*), coalesce(sum(d.prompt_tokens), 0), coalesce(sum(d.completion_tokens), 0)
      from cs_review_draft d join cs_review_request r on r.id = d.request_id
      where d.created_at >= ? group by r.use_case, d.model""";

  /** Every statement above, for the plan check. */
  static final List<String> WINDOWED = List.of(DECISIONS_PER_HOUR, TIME_TO_DECISION, TASK_DECISIONS, TOKENS);

  private DashboardQueries() {}
}
