package dev.countersign.oversight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The append-only evidence trail. Each entry carries the hash of the one before it in its chain
 * (one chain per request) and, once sealed, a place in the global chain. Appends join the caller's
 * transaction, so an entry exists exactly when the step it records committed.
 */
@Repository
public class AuditTrail {

  /** The chain of events that belong to no request, such as the automation switch. */
  public static final String OVERSIGHT_CHAIN = "oversight";
  /** The actor of steps no person or worker account started: timers, the engine itself. */
  public static final String SYSTEM = "system";

  private static final String SELECT = """
      select e.*, s.global_seq, s.prev_hash as seal_prev_hash, s.seal_hash, p.seal_hash as previous_seal_hash
      from cs_audit_event e
      left join cs_audit_seal s on s.event_id = e.id
      left join cs_audit_seal p on p.global_seq = s.global_seq - 1
      """;

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  AuditTrail(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Appends an event to {@code chain}; {@code details} are written as JSON in their iteration order. */
  public void append(String chain, String type, String actor, Map<String, ?> details) {
    List<Map<String, Object>> last = jdbc.queryForList(
        "select seq, entry_hash from cs_audit_event where chain = ? order by seq desc fetch first 1 rows only", chain);
    int seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).intValue() + 1;
    String prevHash = last.isEmpty() ? AuditHashes.GENESIS : (String) last.get(0).get("entry_hash");
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String detailsJson = toJson(details);
    String hash = AuditHashes.entry(chain, seq, type, actor, at, detailsJson, prevHash);
    jdbc.update("""
        insert into cs_audit_event (chain, seq, event_type, actor, occurred_at, details_json, prev_hash, entry_hash)
        values (?, ?, ?, ?, ?, ?, ?, ?)""",
        chain, seq, type, actor, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), detailsJson, prevHash, hash);
    jdbc.update("insert into cs_audit_pending (event_id) select id from cs_audit_event where chain = ? and seq = ?",
        chain, seq);
  }

  /** Details in the order given, nulls kept: {@code details("attempt", 2, "model", m)}. */
  public static Map<String, Object> details(Object... namesAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      details.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return details;
  }

  /** The user the engine is acting for, or {@link #SYSTEM}. */
  public static String actor(IdentityService identity) {
    Authentication user = identity.getCurrentAuthentication();
    return user == null || user.getUserId() == null ? SYSTEM : user.getUserId();
  }

  /** A review's chain is its request id, which is the business key; other processes chain per instance. */
  public static String chain(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    return key != null ? key : "process:" + execution.getProcessInstanceId();
  }

  /** A digest that binds an entry to a text without repeating it (inputs and drafts may hold personal data). */
  public static String digest(String text) {
    return text == null ? null : AuditHashes.sha256(text);
  }

  /** Every entry of one chain, verified. */
  public AuditExport export(String chain) {
    List<ChainVerifier.Stored> stored = jdbc.query(SELECT + " where e.chain = ? order by e.seq", AuditTrail::stored, chain);
    ChainVerifier verifier = new ChainVerifier();
    stored.forEach(verifier::chainEntry);
    List<AuditEntry> entries = stored.stream().map(this::entry).toList();
    return new AuditExport(chain, Instant.now(), verifier.result(), entries);
  }

  /** Walks the whole global chain, recomputing every entry and seal; constant memory. */
  public AuditVerification verifyAll() {
    ChainVerifier verifier = new ChainVerifier();
    AtomicLong expected = new AtomicLong(1);
    jdbc.query(SELECT + " where s.global_seq is not null order by s.global_seq",
        (RowCallbackHandler) rs -> verifier.globalEntry(stored(rs, 0), expected.getAndIncrement()));
    verifier.countUnsealed(jdbc.queryForObject("select count(*) from cs_audit_pending", Long.class));
    return verifier.result();
  }

  private static ChainVerifier.Stored stored(ResultSet rs, int row) throws SQLException {
    return new ChainVerifier.Stored(rs.getLong("id"), rs.getString("chain"), rs.getInt("seq"), rs.getString("event_type"),
        rs.getString("actor"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("details_json"), rs.getString("prev_hash"), rs.getString("entry_hash"),
        rs.getObject("global_seq", Long.class), rs.getString("seal_prev_hash"), rs.getString("seal_hash"),
        rs.getString("previous_seal_hash"));
  }

  private AuditEntry entry(ChainVerifier.Stored s) {
    return new AuditEntry(s.id(), s.chain(), s.seq(), s.type(), s.actor(), s.occurredAt(), parse(s.detailsJson()),
        s.prevHash(), s.entryHash(), s.globalSeq(), s.sealHash());
  }

  private String toJson(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details must be plain values", e);
    }
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      // Shown as stored: verification has already said whether it was changed.
      return json.getNodeFactory().textNode(text);
    }
  }
}
