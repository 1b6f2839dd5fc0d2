package dev.countersign.oversight;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

  private final AuditTrail trail;
  private final AuditSealer sealer;
  private final IdentityService identity;

  AuditController(AuditTrail trail, AuditSealer sealer, IdentityService identity) {
    this.trail = trail;
    this.sealer = sealer;
    this.identity = identity;
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
