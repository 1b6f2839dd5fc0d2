package dev.countersign.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** What automation did lately, for the operations dashboard: one grouped query over recent decisions. */
@Component
public class AutomationActivity {

  /**
   * @param autoApproved drafts released without a person
   * @param auditsByDecision people's decisions on drafts the routing had sent unattended (audit samples)
   * @param decidedByPeople every other decision
   */
  public record Recent(long autoApproved, Map<String, Long> auditsByDecision, long decidedByPeople) {}

  static final String SQL = """
      select review_mode, decision, count(*) from cs_feedback where decided_at >= ?
      group by review_mode, decision""";

  private final JdbcTemplate jdbc;

  AutomationActivity(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Recent since(Instant since) {
    long[] auto = {0};
    long[] people = {0};
    Map<String, Long> audits = new TreeMap<>();
    jdbc.query(SQL, (RowCallbackHandler) rs -> {
      Evidence.Decided decided = new Evidence.Decided(null, null, rs.getString(1), rs.getString(2));
      long count = rs.getLong(3);
      if (Evidence.AUTO.equals(decided.decision())) {
        auto[0] += count;
      } else if (decided.audit()) {
        audits.merge(decided.decision(), count, Long::sum);
      } else {
        people[0] += count;
      }
    }, Timestamp.from(since));
    return new Recent(auto[0], audits, people[0]);
  }
}
