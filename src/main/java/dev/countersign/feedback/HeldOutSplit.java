package dev.countersign.feedback;

import dev.countersign.system.Sha256;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heldOutRate share of decided requests kept apart for evaluation, never exported for
 *     training; the split is a hash of the request id, so it never changes for a request
 */
@ConfigurationProperties("countersign.datasets")
public record HeldOutSplit(@DefaultValue("0.1") double heldOutRate) {

  /** Whether a request belongs to the held-out evaluation split. */
  public boolean heldOut(String requestId) {
    long bucket = Long.parseLong(Sha256.hex(requestId).substring(0, 8), 16);
    return bucket < heldOutRate * 0x1_0000_0000L;
  }
}
