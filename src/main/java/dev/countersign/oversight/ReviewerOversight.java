package dev.countersign.oversight;

import dev.countersign.system.WorkerProfile;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewer-bias signals over the recent decisions and gold-item labels, and flags for those over
 * the thresholds. A
 * flag, and its clearing, goes into the audit trail once, when it changes.
 */
@Component
// Engine nodes watch reviewers; a worker process does no oversight.
@Profile("!" + WorkerProfile.NAME)
class ReviewerOversight {

  private static final Logger log = LoggerFactory.getLogger(ReviewerOversight.class);

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final ReviewerThresholds limits;

  ReviewerOversight(JdbcTemplate jdbc, AuditTrail audit, ReviewerThresholds limits) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.limits = limits;
  }

  List<ReviewerSignal> signals() {
    Map<String, List<ReviewerSignal.Decided>> byReviewer = new TreeMap<>();
    Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofDays(limits.windowDays())));
    jdbc.query("""
        select reviewer, decision, coalesce(claimed_at, task_created_at, decided_at) as started, decided_at
        from cs_review_decision where decided_at >= ?""",
        rs -> {
          byReviewer.computeIfAbsent(rs.getString("reviewer"), r -> new ArrayList<>()).add(new ReviewerSignal.Decided(
              rs.getString("decision"),
              Duration.between(rs.getTimestamp("started").toInstant(), rs.getTimestamp("decided_at").toInstant())));
        }, since);
    Map<String, ReviewerSignal.Gold> gold = new TreeMap<>();
    // Read straight from the labeling tables: a label equals the known answer in their one stored form.
    jdbc.query("""
        select l.annotator, count(*) as items,
          coalesce(sum(case when l.label_json = i.gold_json then 1 else 0 end), 0) as correct
        from cs_label l join cs_labeling_item i on i.id = l.item_id
        where i.gold and l.labeled_at >= ?
        group by l.annotator""",
        rs -> {
          gold.put(rs.getString("annotator"), new ReviewerSignal.Gold(rs.getInt("items"), rs.getInt("correct")));
        }, since);
    Set<String> people = new TreeSet<>(byReviewer.keySet());
    people.addAll(gold.keySet());
    return people.stream().map(person -> ReviewerSignal.of(person, byReviewer.getOrDefault(person, List.of()),
        gold.getOrDefault(person, ReviewerSignal.Gold.NONE), limits)).toList();
  }

  /** Computes the signals and brings the flags up to date with them. */
  @Transactional
  List<ReviewerSignal> refresh() {
    List<ReviewerSignal> signals = signals();
    Set<String> open = Set.copyOf(jdbc.queryForList(
        "select reviewer from cs_reviewer_flag where cleared_at is null", String.class));
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    for (ReviewerSignal signal : signals) {
      if (signal.flagged() && !open.contains(signal.reviewer())) {
        jdbc.update("insert into cs_reviewer_flag (reviewer, reasons, flagged_at) values (?, ?, ?)",
            signal.reviewer(), String.join("; ", signal.reasons()), now);
        audit.append(AuditTrail.OVERSIGHT_CHAIN, "reviewer.flagged", AuditTrail.SYSTEM, details(signal));
        log.warn("Reviewer {} flagged: {}", signal.reviewer(), String.join("; ", signal.reasons()));
      } else if (!signal.flagged() && open.contains(signal.reviewer())) {
        jdbc.update("update cs_reviewer_flag set cleared_at = ? where reviewer = ? and cleared_at is null",
            now, signal.reviewer());
        audit.append(AuditTrail.OVERSIGHT_CHAIN, "reviewer.cleared", AuditTrail.SYSTEM, details(signal));
      }
    }
    return signals;
  }

  @Scheduled(initialDelayString = "${countersign.oversight.reviewers.refresh-interval-ms:600000}",
      fixedDelayString = "${countersign.oversight.reviewers.refresh-interval-ms:600000}")
  void refreshOnSchedule() {
    refresh();
  }

  private static Map<String, Object> details(ReviewerSignal s) {
    return AuditTrail.details("reviewer", s.reviewer(), "reasons", s.reasons(), "decisions", s.decisions(),
        "acceptWithoutEditRate", s.acceptWithoutEditRate(), "medianSecondsOnTask", s.medianSecondsOnTask(),
        "fastShare", s.fastShare(), "goldItems", s.goldItems(), "goldAccuracy", s.goldAccuracy());
  }
}
