package dev.countersign.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Proposals to change how a use case and risk tier are reviewed, and what became of each: to run
 * unattended ({@link Kind#AUTOMATE}, decided by compliance) or back to single review
 * ({@link Kind#DEMOTE}, at once, on drift). Every step is in the evidence trail's automation chain.
 */
@Repository
class Proposals {

  static final String CHAIN = "automation";

  enum Kind { AUTOMATE, DEMOTE }

  enum Status { PROPOSED, DEPLOYED, REJECTED }

  record Proposal(String id, String useCase, String riskTier, Kind kind, Status status, Double auditSampleRate,
      String evidenceJson, String reason, Instant createdAt, String decidedBy, String deploymentId) {

    /** The routing change in words, as compliance reads it in the form and the trail. */
    String change() {
      return kind == Kind.AUTOMATE
          ? String.format(Locale.ROOT, "review-routing: use case \"%s\", risk tier \"%s\" → review mode AUTO "
              + "(auto-approved when screening is clean and the judge scores at least 0.9), audit sample rate %.0f%%",
              useCase, riskTier, auditSampleRate * 100)
          : String.format(Locale.ROOT, "review-routing: use case \"%s\", risk tier \"%s\" → review mode SINGLE "
              + "(every draft to a person), audit sample rate 0%%", useCase, riskTier);
    }
  }

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final AuditTrail audit;
  private final AutomationProperties properties;

  Proposals(JdbcTemplate jdbc, ObjectMapper json, AuditTrail audit, AutomationProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.properties = properties;
  }

  String create(Kind kind, Evidence.Pair evidence, Double auditSampleRate, String reason, String actor) {
    String id = UUID.randomUUID().toString();
    jdbc.update("""
        insert into cs_automation_proposal (id, use_case, risk_tier, kind, status, audit_sample_rate, evidence_json,
          reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, evidence.useCase(), evidence.riskTier(), kind.name(), Status.PROPOSED.name(), auditSampleRate,
        toJson(evidence), reason, Timestamp.from(Instant.now()));
    audit.append(CHAIN, "automation." + kind.name().toLowerCase(Locale.ROOT) + ".proposed", actor, AuditTrail.details(
        "proposalId", id, "useCase", evidence.useCase(), "riskTier", evidence.riskTier(),
        "auditSampleRate", auditSampleRate, "reason", reason, "evidence", evidence));
    return id;
  }

  Proposal find(String id) {
    return jdbc.queryForObject("select * from cs_automation_proposal where id = ?", (rs, row) -> new Proposal(
        rs.getString("id"), rs.getString("use_case"), rs.getString("risk_tier"), Kind.valueOf(rs.getString("kind")),
        Status.valueOf(rs.getString("status")), (Double) rs.getObject("audit_sample_rate"),
        rs.getString("evidence_json"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant(),
        rs.getString("decided_by"), rs.getString("deployment_id")), id);
  }

  /** Whether a pair may be proposed now: nothing open for it, and no rejection within the cool-down. */
  boolean mayPropose(String useCase, String riskTier, Instant now) {
    return jdbc.queryForObject("""
        select count(*) from cs_automation_proposal where use_case = ? and risk_tier = ? and kind = ?
          and (status = ? or (status = ? and decided_at >= ?))""", Long.class,
        useCase, riskTier, Kind.AUTOMATE.name(), Status.PROPOSED.name(), Status.REJECTED.name(),
        Timestamp.from(now.minus(properties.cooldown()))) == 0;
  }

  /** Whether no demotion of the pair is on its way already. */
  boolean mayDemote(String useCase, String riskTier) {
    return jdbc.queryForObject("select count(*) from cs_automation_proposal where use_case = ? and risk_tier = ? "
        + "and kind = ? and status = ?", Long.class, useCase, riskTier, Kind.DEMOTE.name(), Status.PROPOSED.name()) == 0;
  }

  Evidence.Pair evidence(Proposal proposal) {
    try {
      return json.readValue(proposal.evidenceJson(), Evidence.Pair.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable evidence of proposal " + proposal.id(), e);
    }
  }

  void deployed(String id, String deploymentId, String actor) {
    decide(id, Status.DEPLOYED, null, actor, deploymentId);
    Proposal proposal = find(id);
    audit.append(CHAIN, "automation." + proposal.kind().name().toLowerCase(Locale.ROOT) + ".deployed", actor,
        AuditTrail.details("proposalId", id, "useCase", proposal.useCase(), "riskTier", proposal.riskTier(),
            "deploymentId", deploymentId, "change", proposal.change()));
  }

  void rejected(String id, String reason, String actor) {
    decide(id, Status.REJECTED, reason, actor, null);
    Proposal proposal = find(id);
    audit.append(CHAIN, "automation.automate.rejected", actor, AuditTrail.details("proposalId", id,
        "useCase", proposal.useCase(), "riskTier", proposal.riskTier(), "reason", reason,
        "heldBackUntil", Instant.now().plus(properties.cooldown()).toString()));
  }

  private void decide(String id, Status status, String reason, String actor, String deploymentId) {
    int updated = jdbc.update("""
        update cs_automation_proposal set status = ?, reason = coalesce(?, reason), decided_at = ?, decided_by = ?,
          deployment_id = ? where id = ? and status = ?""",
        status.name(), reason, Timestamp.from(Instant.now()), actor, deploymentId, id, Status.PROPOSED.name());
    if (updated != 1) {
      throw new IllegalStateException("Proposal " + id + " is not open any more");
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
