package dev.countersign.oversight;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class AuditController {

  private final AuditTrail trail;
  private final AuditSealer sealer;
  private final IdentityService identity;
  private final JdbcTemplate jdbc;

  AuditController(AuditTrail trail, AuditSealer sealer, IdentityService identity, JdbcTemplate jdbc) {
    this.trail = trail;
    this.sealer = sealer;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @Operation(summary = "The evidence trail of one request, verified",
      description = "Every recorded step with its hash chain and global seal, and a verify result. "
          + "For compliance, administrators and the request's requester.")
  @GetMapping("/api/reviews/{id}/audit")
  AuditExport requestTrail(@PathVariable String id) {
    Caller caller = Caller.current(identity);
    List<String> requester = jdbc.queryForList("select requester from cs_review_request where id = ?", String.class, id);
    if (requester.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No review request " + id);
    }
    if (!caller.inAny(Roles.COMPLIANCE, Roles.ADMIN) && !caller.userId().equals(requester.get(0))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only compliance, administrators and its requester "
          + "may read the evidence trail of a request");
    }
    return trail.export(id);
  }

  @Operation(summary = "Verify the whole global chain (compliance)",
      description = "Seals what is pending, then recomputes every entry and seal in global order.")
  @GetMapping("/api/oversight/audit/verify")
  AuditVerification verifyAll() {
    Caller.current(identity).require(Roles.COMPLIANCE, Roles.ADMIN);
    sealer.sealPending();
    return trail.verifyAll();
  }
}
