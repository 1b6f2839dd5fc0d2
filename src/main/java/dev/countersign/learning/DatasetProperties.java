package dev.countersign.learning;

import dev.countersign.system.Sha256;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heldOutRate share of decided requests kept apart for evaluation, never exported for
 *     training; the split is a hash of the request id, so it never changes for a request
 * @param progressEvery log progress every this many lines of an export
 */
@ConfigurationProperties("countersign.datasets")
record DatasetProperties(@DefaultValue("0.1") double heldOutRate, @DefaultValue("100000") long progressEvery) {

  /** Whether a request belongs to the held-out evaluation split. */
  boolean heldOut(String requestId) {
    long bucket = Long.parseLong(Sha256.hex(requestId).substring(0, 8), 16);
    return bucket < heldOutRate * 0x1_0000_0000L;
  }
}
