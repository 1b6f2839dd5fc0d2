package dev.countersign.oversight;

import dev.countersign.system.WorkerProfile;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds committed audit events to the global chain, in batches, shortly after they are written.
 * Sealing after the fact keeps a global lock out of every engine transaction. Two sealers at once
 * (the schedule, a verification, another node) collide on the next global sequence number; one of
 * them rolls back and tries again.
 */
@Component
// Engine nodes seal; a worker process writes no evidence of its own.
@Profile("!" + WorkerProfile.NAME)
class AuditSealer {

  private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
  private static final int BATCH = 500;
  private static final int COLLISION_ATTEMPTS = 10;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  AuditSealer(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @Scheduled(initialDelayString = "${countersign.audit.seal-interval-ms:1000}",
      fixedDelayString = "${countersign.audit.seal-interval-ms:1000}")
  void sealOnSchedule() {
    try {
      sealPending();
    } catch (DataAccessException e) {
      log.debug("Audit sealing collided with another node or failed; trying again next round: {}", e.getMessage());
    }
  }

  /**
   * Seals everything pending now; returns how many entries it sealed. A batch that collided with
   * another sealer (the schedule, or another node's) is tried again, so a caller that needs the
   * chain sealed before reading it gets it sealed rather than an error.
   */
  int sealPending() {
    int total = 0;
    int sealed;
    do {
      sealed = sealBatchRetrying();
      total += sealed;
    } while (sealed == BATCH);
    if (total > 0) {
      log.debug("Sealed {} audit entries into the global chain", total);
    }
    return total;
  }

  private int sealBatchRetrying() {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> sealBatch());
      } catch (DuplicateKeyException | ConcurrencyFailureException collided) {
        if (attempt == COLLISION_ATTEMPTS) {
          throw collided;
        }
        log.debug("Audit sealing collided with another sealer (attempt {}); trying again", attempt);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20L * attempt));
      }
    }
  }

  private int sealBatch() {
    List<Map<String, Object>> pending = jdbc.queryForList("""
        select p.event_id, e.entry_hash from cs_audit_pending p join cs_audit_event e on e.id = p.event_id
        order by p.event_id fetch first %d rows only""".formatted(BATCH));
    if (pending.isEmpty()) {
      return 0;
    }
    List<Map<String, Object>> head = jdbc.queryForList(
        "select global_seq, seal_hash from cs_audit_seal order by global_seq desc fetch first 1 rows only");
    long seq = head.isEmpty() ? 0 : ((Number) head.get(0).get("global_seq")).longValue();
    String prev = head.isEmpty() ? AuditHashes.GENESIS : (String) head.get(0).get("seal_hash");
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    for (Map<String, Object> event : pending) {
      long eventId = ((Number) event.get("event_id")).longValue();
      seq++;
      String hash = AuditHashes.seal(seq, eventId, (String) event.get("entry_hash"), prev);
      jdbc.update("insert into cs_audit_seal (global_seq, event_id, prev_hash, seal_hash, sealed_at) values (?, ?, ?, ?, ?)",
          seq, eventId, prev, hash, now);
      jdbc.update("delete from cs_audit_pending where event_id = ?", eventId);
      prev = hash;
    }
    return pending.size();
  }
}
