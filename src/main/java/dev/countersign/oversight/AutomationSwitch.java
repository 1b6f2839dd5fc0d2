package dev.countersign.oversight;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automation kill switch. While halted, nothing is approved without a person, whatever the
 * routing table says. Kept in the database, so every engine node sees the same state at once.
 */
@Component
public class AutomationSwitch {

  private static final Logger log = LoggerFactory.getLogger(AutomationSwitch.class);
  private static final String NAME = "automation";
  private static final String HALTED = "halted";

  /** The switch as it stands; {@code changedBy} is null while it has never been touched. */
  record State(boolean halted, String reason, String changedBy, Instant changedAt) {}

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;

  AutomationSwitch(JdbcTemplate jdbc, AuditTrail audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  public boolean halted() {
    return state().halted();
  }

  /**
   * What a person is shown when an auto-approval of {@code chain} is withheld because automation is
   * halted, with the withholding in its evidence trail; empty while automation runs.
   *
   * @param findings the screening findings so far, or null
   */
  public Optional<String> withholdAutoApproval(String chain, String findings) {
    if (!halted()) {
      return Optional.empty();
    }
    audit.append(chain, "auto-approval.withheld", AuditTrail.SYSTEM, AuditTrail.details("reason", "automation halted"));
    log.info("Review request {}: auto-approval withheld, automation is halted", chain);
    return Optional.of("- Automation is halted: the routing table would have approved this draft without a person."
        + (findings == null ? "" : "\n" + findings));
  }

  State state() {
    List<State> rows = jdbc.query("select * from cs_oversight_setting where name = ?",
        (rs, row) -> new State(HALTED.equals(rs.getString("setting")), rs.getString("reason"),
            rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()), NAME);
    return rows.isEmpty() ? new State(false, null, null, null) : rows.get(0);
  }

  @Transactional
  State set(boolean halted, String reason, String actor) {
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    String setting = halted ? HALTED : "running";
    int updated = jdbc.update("update cs_oversight_setting set setting = ?, reason = ?, changed_by = ?, changed_at = ? "
        + "where name = ?", setting, reason, actor, now, NAME);
    if (updated == 0) {
      jdbc.update("insert into cs_oversight_setting (name, setting, reason, changed_by, changed_at) values (?, ?, ?, ?, ?)",
          NAME, setting, reason, actor, now);
    }
    audit.append(AuditTrail.OVERSIGHT_CHAIN, halted ? "automation.halted" : "automation.resumed", actor,
        AuditTrail.details("reason", reason));
    if (halted) {
      log.warn("Automation HALTED by {}: every draft now goes to a person. Reason: {}", actor, oneLine(reason));
    } else {
      log.warn("Automation resumed by {}: the routing table decides again. Reason: {}", actor, oneLine(reason));
    }
    return state();
  }

  /** A reason as one log line: line breaks and other control characters would let it forge lines of its own. */
  private static String oneLine(String reason) {
    return reason.replaceAll("\\p{Cntrl}", " ");
  }
}
