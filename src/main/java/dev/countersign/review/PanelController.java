package dev.countersign.review;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PanelController {

  private final PanelAgreement agreement;
  private final IdentityService identity;

  PanelController(PanelAgreement agreement, IdentityService identity) {
    this.agreement = agreement;
    this.identity = identity;
  }

  @Operation(summary = "Agreement of review panels per use case (compliance, model owners, operations)",
      description = "For use cases the routing table sends to PANEL: drafts a panel decided, the share whose panel "
          + "agreed (all rejected, or all approved one text), and agreement beyond chance on each member's decision "
          + "(approve, edit, reject): Fleiss' kappa, Krippendorff's alpha and Cohen's kappa per pair of reviewers.")
  @GetMapping("/api/panels/agreement")
  List<PanelAgreement.UseCase> agreement() {
    Caller.current(identity).require(Roles.COMPLIANCE, Roles.MODEL_OWNERS, Roles.OPERATIONS, Roles.ADMIN);
    return agreement.perUseCase();
  }
}
