package dev.countersign.oversight;

import java.util.List;

/**
 * What recomputing the hashes found.
 *
 * @param valid no problem found
 * @param entries entries checked
 * @param unsealed entries not yet in the global chain (checked in their own chain only)
 * @param problems one line per broken link, naming the entry
 */
public record AuditVerification(boolean valid, long entries, long unsealed, List<String> problems) {}
