package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/models")
class ModelController {

  record NewModel(String useCase, String model) {}

  record Rollback(String reason) {}

  private final ModelCandidates candidates;
  private final ModelChampions champions;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final AuditTrail audit;

  ModelController(ModelCandidates candidates, ModelChampions champions, RuntimeService runtime,
      IdentityService identity, AuditTrail audit) {
    this.candidates = candidates;
    this.champions = champions;
    this.runtime = runtime;
    this.identity = identity;
    this.audit = audit;
  }

  @Operation(summary = "Model candidates, newest first (model owners)",
      description = "What retraining produced (fine-tuned model ids, memory snapshots) and model ids proposed by "
          + "hand, with their dataset, job and status.")
  @GetMapping
  List<ModelCandidate> candidates(@RequestParam(required = false) String useCase,
      @RequestParam(defaultValue = "100") int limit) {
    owner();
    return candidates.list(useCase, Math.max(1, Math.min(limit, 1000)));
  }

  @Operation(summary = "Propose a model id fine-tuned elsewhere for a use case (model owners)",
      description = "Starts candidate-promotion: it is evaluated on held-out examples against the champion, and "
          + "drafts with it only once a model owner other than the proposer approves.")
  @PostMapping
  @Transactional
  ResponseEntity<Map<String, String>> propose(@RequestBody NewModel proposal) {
    String user = owner();
    if (proposal == null || blank(proposal.useCase()) || blank(proposal.model())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give {\"useCase\": \"...\", \"model\": \"...\"}");
    }
    ModelCandidate candidate = candidates.create(proposal.useCase(), ModelCandidates.PROPOSED, null,
        proposal.model().strip(), Instant.now(), 0, null, null, user);
    ProcessInstance instance = Caller.asSystem(identity, () -> runtime.startProcessInstanceByKey(
        CandidatePromotion.PROCESS_KEY, CandidatePromotion.MODEL_KEY_PREFIX + candidate.name(),
        Map.of(USE_CASE, proposal.useCase(), CANDIDATE_KIND, CandidatePromotion.MODEL,
            CANDIDATE_VERSION, candidate.name(), CANDIDATE_DESCRIPTION, candidate.describe(), PROPOSED_BY, user)));
    return ResponseEntity.created(URI.create("/api/models?useCase=" + proposal.useCase()))
        .body(Map.of("candidate", candidate.name(), "processInstanceId", instance.getId()));
  }

  @Operation(summary = "The model candidate in use per use case (model owners); absent: the configured model")
  @GetMapping("/champions")
  List<ModelChampions.Champion> champions() {
    owner();
    return champions.all();
  }

  @Operation(summary = "Go back to the previous model of a use case (model owners; audited)")
  @PostMapping("/champions/{useCase}/rollback")
  @Transactional
  Map<String, Object> rollback(@PathVariable String useCase, @RequestBody Rollback rollback) {
    String user = owner();
    if (rollback == null || blank(rollback.reason())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give {\"reason\": \"...\"} for the record");
    }
    ModelChampions.Champion before = champions.rollback(useCase, user).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.CONFLICT, "Use case " + useCase + " has no promoted model to roll back"));
    String to = before.previous() == null ? "configured model" : before.previous().name();
    audit.append(CandidatePromotion.MODEL_KEY_PREFIX + before.current().name(), "model.rolled-back", user,
        AuditTrail.details("useCase", useCase, "from", before.current().name(), "to", to, "reason", rollback.reason()));
    return Map.of("useCase", useCase, "model", to);
  }

  private String owner() {
    return Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN).userId();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
