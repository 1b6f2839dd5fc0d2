package dev.countersign.oversight;

import java.time.Instant;
import java.util.List;

/** The evidence trail of one request, with the result of verifying it when it was exported. */
public record AuditExport(String requestId, Instant exportedAt, AuditVerification verify, List<AuditEntry> entries) {}
