package dev.countersign.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of the evidence trail as exported.
 *
 * @param seq position in its chain, from 1
 * @param globalSeq position in the global chain; null until sealed (within a second or so)
 */
public record AuditEntry(long id, String chain, int seq, String type, String actor, Instant occurredAt,
    JsonNode details, String prevHash, String hash, Long globalSeq, String sealHash) {}
