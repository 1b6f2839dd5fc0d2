package dev.countersign.automation;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/automation")
class EvidenceController {

  /** A pair's evidence with how the routing table reviews it now. */
  record PairView(String reviewMode, Evidence.Pair evidence) {}

  private final Evidence evidence;
  private final AutomationPolicy policy;
  private final RuntimeService runtime;
  private final IdentityService identity;

  EvidenceController(Evidence evidence, AutomationPolicy policy, RuntimeService runtime, IdentityService identity) {
    this.evidence = evidence;
    this.policy = policy;
    this.runtime = runtime;
    this.identity = identity;
  }

  @Operation(summary = "Evidence per use case and risk tier (compliance, model owners)",
      description = "People's decisions over the evidence window (countersign.automation.window): shares approved "
          + "without edit, edited and rejected, the Wilson lower bound (95%) of approval without edit, median edit "
          + "distance, screening findings, reviewer minutes, auto-approvals, audits, and minutes avoided.")
  @GetMapping("/evidence")
  List<PairView> evidence() {
    Caller.current(identity).require(Roles.COMPLIANCE, Roles.MODEL_OWNERS, Roles.ADMIN);
    return Caller.asSystem(identity, () -> evidence.pairs(Instant.now()).stream()
        .map(pair -> new PairView(policy.mode(pair.useCase(), pair.riskTier()), pair)).toList());
  }

  @Operation(summary = "Look for earned automation now (compliance)",
      description = "Starts automation-review without waiting for its schedule: each pair whose evidence passes "
          + "automation-policy.dmn gets an \"Approve automation\" task for compliance.")
  @PostMapping("/review")
  ResponseEntity<Map<String, String>> review() {
    Caller.current(identity).require(Roles.COMPLIANCE, Roles.ADMIN);
    String instance = runtime.startProcessInstanceByMessage(AutomationReview.REVIEW_MESSAGE).getId();
    return ResponseEntity.accepted().body(Map.of("processInstanceId", instance));
  }
}
