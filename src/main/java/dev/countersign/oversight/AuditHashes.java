package dev.countersign.oversight;

import dev.countersign.system.Sha256;
import java.time.Instant;

/** SHA-256 over the fields of an audit entry and of a seal; the whole of what verification recomputes. */
final class AuditHashes {

  /** The previous hash of the first entry of a chain. */
  static final String GENESIS = "0".repeat(64);

  private AuditHashes() {}

  static String entry(String chain, int seq, String type, String actor, Instant occurredAt, String detailsJson,
      String prevHash) {
    return sha256(String.join("\n", chain, Integer.toString(seq), type, actor, occurredAt.toString(), detailsJson,
        prevHash));
  }

  static String seal(long globalSeq, long eventId, String entryHash, String prevHash) {
    return sha256(String.join("\n", Long.toString(globalSeq), Long.toString(eventId), entryHash, prevHash));
  }

  /** Hex SHA-256 of a text: lets an entry bind to a text it does not repeat (inputs may hold personal data). */
  static String sha256(String text) {
    return Sha256.hex(text);
  }
}
