package dev.countersign.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the hashes of stored entries, one chain at a time or along the global chain. Plain
 * code over plain rows, so what counts as tampering is readable in one place.
 */
final class ChainVerifier {

  /**
   * An entry as stored, with its seal if it has one.
   *
   * @param previousSealHash the seal hash of global entry {@code globalSeq - 1}; null for the first
   */
  record Stored(long id, String chain, int seq, String type, String actor, Instant occurredAt, String detailsJson,
      String prevHash, String entryHash, Long globalSeq, String sealPrevHash, String sealHash,
      String previousSealHash) {

    boolean sealed() {
      return globalSeq != null;
    }
  }

  private final List<String> problems = new ArrayList<>();
  private long entries;
  private long unsealed;
  private String expectedPrev = AuditHashes.GENESIS;
  private int expectedSeq = 1;

  /** Feed the entries of one chain in {@code seq} order. */
  void chainEntry(Stored e) {
    entries++;
    if (e.seq() != expectedSeq) {
      problems.add(name(e) + ": expected sequence number " + expectedSeq + " in chain " + e.chain()
          + "; an entry is missing or was inserted");
    }
    if (!e.prevHash().equals(expectedPrev)) {
      problems.add(name(e) + ": does not link to the entry before it");
    }
    checkContent(e);
    if (e.sealed()) {
      checkSeal(e);
    } else {
      unsealed++;
    }
    expectedPrev = e.entryHash();
    expectedSeq = e.seq() + 1;
  }

  /** Feed sealed entries in {@code globalSeq} order, from the first. */
  void globalEntry(Stored e, long expectedGlobalSeq) {
    entries++;
    if (e.globalSeq() != expectedGlobalSeq) {
      problems.add(name(e) + ": expected global sequence number " + expectedGlobalSeq + "; a seal is missing");
    }
    checkContent(e);
    checkSeal(e);
  }

  void countUnsealed(long count) {
    unsealed += count;
  }

  AuditVerification result() {
    return new AuditVerification(problems.isEmpty(), entries, unsealed, List.copyOf(problems));
  }

  private void checkContent(Stored e) {
    String recomputed = AuditHashes.entry(e.chain(), e.seq(), e.type(), e.actor(), e.occurredAt(), e.detailsJson(),
        e.prevHash());
    if (!recomputed.equals(e.entryHash())) {
      problems.add(name(e) + ": its content does not match its hash; it was changed after it was written");
    }
  }

  private void checkSeal(Stored e) {
    if (!AuditHashes.seal(e.globalSeq(), e.id(), e.entryHash(), e.sealPrevHash()).equals(e.sealHash())) {
      problems.add(name(e) + ": does not match its global seal " + e.globalSeq()
          + "; the entry or its hash was rewritten after sealing");
    }
    String expected = e.globalSeq() == 1 ? AuditHashes.GENESIS : e.previousSealHash();
    if (!e.sealPrevHash().equals(expected)) {
      problems.add(name(e) + ": global seal " + e.globalSeq() + " does not link to the seal before it");
    }
  }

  private static String name(Stored e) {
    return "entry " + e.id() + " (" + e.chain() + " #" + e.seq() + ", " + e.type() + ")";
  }
}
