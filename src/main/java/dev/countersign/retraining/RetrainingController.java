package dev.countersign.retraining;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/models")
class RetrainingController {

  record Retraining(String useCase) {}

  private final RetrainingPlanner retraining;
  private final IdentityService identity;

  RetrainingController(RetrainingPlanner retraining, IdentityService identity) {
    this.retraining = retraining;
    this.identity = identity;
  }

  @Operation(summary = "Retrain a use case now (model owners)",
      description = "Starts model-retraining for the use case with what it learned since its last retraining, "
          + "without waiting for the schedule or the feedback threshold. 409 when one is running or nothing is new.")
  @PostMapping("/retraining")
  ResponseEntity<Map<String, String>> retrain(@RequestBody Retraining request) {
    String user = Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN).userId();
    if (request == null || request.useCase() == null || request.useCase().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give {\"useCase\": \"...\"}");
    }
    try {
      String instance = retraining.retrainNow(request.useCase(), user);
      return ResponseEntity.accepted().body(Map.of("useCase", request.useCase(), "processInstanceId", instance));
    } catch (IllegalStateException refused) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, refused.getMessage());
    }
  }
}
