package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/prompts")
class PromptController {

  record NewPrompt(String useCase, String baseVersion, String system, String user) {}

  record Rollback(String reason) {}

  private final PromptProposals proposals;
  private final PromptChampions champions;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final AuditTrail audit;

  PromptController(PromptProposals proposals, PromptChampions champions, RuntimeService runtime,
      IdentityService identity, AuditTrail audit) {
    this.proposals = proposals;
    this.champions = champions;
    this.runtime = runtime;
    this.identity = identity;
    this.audit = audit;
  }

  @Operation(summary = "Propose a new prompt version for a use case (model owners)",
      description = "Stores it as a candidate based on baseVersion (default: the use case's champion); parts left "
          + "out come from the base. Starts candidate-promotion: it is evaluated on held-out examples, and goes "
          + "live only when a model owner other than the proposer approves it.")
  @PostMapping
  @Transactional
  ResponseEntity<Map<String, String>> propose(@RequestBody NewPrompt proposal) {
    String user = Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN).userId();
    if (proposal == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Give {\"useCase\": \"...\", \"system\": \"...\" and/or \"user\": \"...\", \"baseVersion\": optional}");
    }
    String version;
    try {
      version = proposals.store(proposal.useCase(), proposal.baseVersion(), proposal.system(), proposal.user(), user);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    ProcessInstance instance = Caller.asSystem(identity, () -> runtime.startProcessInstanceByKey(
        CandidatePromotion.PROCESS_KEY, CandidatePromotion.KEY_PREFIX + version,
        Map.of(USE_CASE, proposal.useCase(), CANDIDATE_VERSION, version, PROPOSED_BY, user,
            CANDIDATE_DESCRIPTION, PromptProposals.describe(version, user))));
    return ResponseEntity.created(URI.create("/api/prompts/" + version))
        .body(Map.of("version", version, "processInstanceId", instance.getId()));
  }

  @Operation(summary = "The prompt version in use per use case (model owners)")
  @GetMapping("/champions")
  List<PromptChampions.Champion> champions() {
    Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN);
    return champions.all();
  }

  @Operation(summary = "Go back to the previous prompt version of a use case (model owners; audited)")
  @PostMapping("/champions/{useCase}/rollback")
  @Transactional
  PromptChampions.Champion rollback(@PathVariable String useCase, @RequestBody Rollback rollback) {
    String user = Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN).userId();
    if (rollback == null || rollback.reason() == null || rollback.reason().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give {\"reason\": \"...\"} for the record");
    }
    PromptChampions.Champion before = champions.rollback(useCase, user).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.CONFLICT, "Use case " + useCase + " has no earlier prompt to go back to"));
    audit.append(CandidatePromotion.KEY_PREFIX + before.promptVersion(), "prompt.rolled-back", user,
        AuditTrail.details("useCase", useCase, "from", before.promptVersion(), "to", before.previousVersion(),
            "reason", rollback.reason()));
    return champions.find(useCase).orElseThrow();
  }
}
