package dev.countersign.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTests {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");

  @Test
  void intactChainWithSealsVerifies() {
    AuditVerification result = verify(chain(3, true));
    assertThat(result.valid()).isTrue();
    assertThat(result.entries()).isEqualTo(3);
    assertThat(result.unsealed()).isZero();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void unsealedEntriesCountButAreStillChecked() {
    List<ChainVerifier.Stored> entries = chain(2, false);
    assertThat(verify(entries).valid()).isTrue();
    assertThat(verify(entries).unsealed()).isEqualTo(2);
    entries.set(1, withDetails(entries.get(1), "{\"decision\":\"approve\"}", false));
    assertThat(verify(entries).problems()).singleElement().asString().contains("entry 2", "content does not match");
  }

  @Test
  void editedContentIsDetected() {
    List<ChainVerifier.Stored> entries = chain(3, true);
    entries.set(1, withDetails(entries.get(1), "{\"decision\":\"approve\"}", false));
    AuditVerification result = verify(entries);
    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("entry 2", "content does not match its hash");
  }

  @Test
  void rewrittenRequestChainIsCaughtByTheGlobalSeals() {
    List<ChainVerifier.Stored> entries = chain(3, true);
    // The forger edits entry 2 and recomputes every hash of the request chain after it.
    entries.set(1, withDetails(entries.get(1), "{\"decision\":\"approve\"}", true));
    ChainVerifier.Stored third = entries.get(2);
    String rehashed = AuditHashes.entry(third.chain(), 3, third.type(), third.actor(), third.occurredAt(),
        third.detailsJson(), entries.get(1).entryHash());
    entries.set(2, new ChainVerifier.Stored(3, third.chain(), 3, third.type(), third.actor(), third.occurredAt(),
        third.detailsJson(), entries.get(1).entryHash(), rehashed, third.globalSeq(), third.sealPrevHash(),
        third.sealHash(), third.previousSealHash()));

    AuditVerification result = verify(entries);
    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("does not match its global seal"));
  }

  @Test
  void deletedEntryIsDetected() {
    List<ChainVerifier.Stored> entries = chain(3, true);
    entries.remove(1);
    AuditVerification result = verify(entries);
    assertThat(result.valid()).isFalse();
    assertThat(String.join("\n", result.problems())).contains("expected sequence number 2", "does not link to the entry before it");
  }

  @Test
  void globalWalkDetectsAMissingSeal() {
    List<ChainVerifier.Stored> entries = chain(3, true);
    ChainVerifier verifier = new ChainVerifier();
    verifier.globalEntry(entries.get(0), 1);
    verifier.globalEntry(entries.get(2), 2);
    assertThat(verifier.result().problems()).singleElement().asString().contains("expected global sequence number 2");
  }

  private static AuditVerification verify(List<ChainVerifier.Stored> entries) {
    ChainVerifier verifier = new ChainVerifier();
    entries.forEach(verifier::chainEntry);
    return verifier.result();
  }

  /** A chain "r1" of n entries with ids 1..n, sealed as global 1..n when asked. */
  private static List<ChainVerifier.Stored> chain(int n, boolean sealed) {
    List<ChainVerifier.Stored> entries = new ArrayList<>();
    String prev = AuditHashes.GENESIS;
    String prevSeal = AuditHashes.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      String details = "{\"step\":" + seq + "}";
      Instant at = T0.plusMillis(seq);
      String hash = AuditHashes.entry("r1", seq, "step", "reviewer", at, details, prev);
      String seal = sealed ? AuditHashes.seal(seq, seq, hash, prevSeal) : null;
      entries.add(new ChainVerifier.Stored(seq, "r1", seq, "step", "reviewer", at, details, prev, hash,
          sealed ? (long) seq : null, sealed ? prevSeal : null, seal, sealed && seq > 1 ? prevSeal : null));
      prev = hash;
      if (sealed) {
        prevSeal = seal;
      }
    }
    return entries;
  }

  private static ChainVerifier.Stored withDetails(ChainVerifier.Stored e, String details, boolean rehash) {
    String hash = rehash
        ? AuditHashes.entry(e.chain(), e.seq(), e.type(), e.actor(), e.occurredAt(), details, e.prevHash())
        : e.entryHash();
    return new ChainVerifier.Stored(e.id(), e.chain(), e.seq(), e.type(), e.actor(), e.occurredAt(), details,
        e.prevHash(), hash, e.globalSeq(), e.sealPrevHash(), e.sealHash(), e.previousSealHash());
  }
}
