package dev.countersign.review;

import dev.countersign.system.Roles;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The review queue as counts per Tasklist group: the open user tasks the group may claim (as the
 * engine's {@code taskCandidateGroup} query counts them: unassigned, with a candidate link to the
 * group), by age, and of them the overdue ones, those a missed review deadline escalated.
 *
 * <p>One grouped query over the engine's task and candidate-link tables gives every group's
 * counts in one read of the open tasks. The engine's task query would read them again for each
 * count: 25 counts for the dashboard, 10 for the gauges, each reading every open task of its group
 * (2.6 s for the gauges' 10 on H2 at 100,000 open tasks, every 30 s).
 */
@Component
public class ReviewQueue {

  /** One group's open tasks by age (created under an hour ago, one to eight hours, eight to 24, older), and overdue. */
  public record Counts(long open, long underOneHour, long oneToEightHours, long eightToTwentyFourHours,
      long olderThanADay, long overdue) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
  }

  private static final String COUNTS = """
      select L.GROUP_ID_, count(*),
        sum(case when T.CREATE_TIME_ >= ? then 1 else 0 end),
        sum(case when T.CREATE_TIME_ >= ? and T.CREATE_TIME_ < ? then 1 else 0 end),
        sum(case when T.CREATE_TIME_ >= ? and T.CREATE_TIME_ < ? then 1 else 0 end),
        sum(case when T.CREATE_TIME_ < ? then 1 else 0 end),
        sum(case when T.TASK_DEF_KEY_ = ? then 1 else 0 end)
      from ACT_RU_TASK T join ACT_RU_IDENTITYLINK L on L.TASK_ID_ = T.ID_
      where L.TYPE_ = 'candidate' and T.ASSIGNEE_ is null and L.GROUP_ID_ in (%s)
      group by L.GROUP_ID_""".formatted(String.join(", ", Collections.nCopies(Roles.TASKLIST.size(), "?")));

  private final JdbcTemplate jdbc;

  ReviewQueue(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every Tasklist group's counts, in {@link Roles#TASKLIST}'s order, with ages as of {@code now}. */
  public Map<String, Counts> counts(Instant now) {
    Timestamp hour = Timestamp.from(now.minus(Duration.ofHours(1)));
    Timestamp eightHours = Timestamp.from(now.minus(Duration.ofHours(8)));
    Timestamp day = Timestamp.from(now.minus(Duration.ofDays(1)));
    Object[] args = new Object[7 + Roles.TASKLIST.size()];
    Object[] fixed = {hour, eightHours, hour, day, eightHours, day, LlmOutputReview.Elements.ESCALATED_REVIEW};
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    for (int i = 0; i < Roles.TASKLIST.size(); i++) {
      args[fixed.length + i] = Roles.TASKLIST.get(i);
    }
    Map<String, Counts> found = new LinkedHashMap<>();
    jdbc.query(COUNTS, rs -> {
      found.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
          rs.getLong(7)));
    }, args);
    Map<String, Counts> counts = new LinkedHashMap<>();
    Roles.TASKLIST.forEach(group -> counts.put(group, found.getOrDefault(group, Counts.NONE)));
    return counts;
  }
}
