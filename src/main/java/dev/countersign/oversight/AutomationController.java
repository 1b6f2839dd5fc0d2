package dev.countersign.oversight;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/oversight/automation")
class AutomationController {

  record Change(Boolean halted, String reason) {}

  /** A reason is a sentence or a paragraph for the record and the log, not a document. */
  static final int MAX_REASON = 2_000;

  private final AutomationSwitch automation;
  private final IdentityService identity;

  AutomationController(AutomationSwitch automation, IdentityService identity) {
    this.automation = automation;
    this.identity = identity;
  }

  @Operation(summary = "Whether automation is halted (compliance)")
  @GetMapping
  AutomationSwitch.State state() {
    Caller.current(identity).require(Roles.COMPLIANCE);
    return automation.state();
  }

  @Operation(summary = "Halt or resume automation (compliance)",
      description = "{\"halted\": true, \"reason\": \"...\"}. While halted every draft goes to a person, whatever "
          + "the routing table says. Every change is in the evidence trail (chain 'oversight').")
  @PutMapping
  AutomationSwitch.State change(@RequestBody Change change) {
    Caller caller = Caller.current(identity).require(Roles.COMPLIANCE);
    if (change == null || change.halted() == null || change.reason() == null || change.reason().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Give {\"halted\": true|false, \"reason\": \"...\"}: every change needs a reason for the record");
    }
    if (change.reason().length() > MAX_REASON) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Keep the reason to " + MAX_REASON + " characters; link to a longer account if there is one");
    }
    return automation.set(change.halted(), change.reason().strip(), caller.userId());
  }
}
