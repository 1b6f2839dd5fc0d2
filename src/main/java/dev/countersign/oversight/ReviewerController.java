package dev.countersign.oversight;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReviewerController {

  private final ReviewerOversight reviewers;
  private final IdentityService identity;

  ReviewerController(ReviewerOversight reviewers, IdentityService identity) {
    this.reviewers = reviewers;
    this.identity = identity;
  }

  @Operation(summary = "Reviewer-bias signals and flags (compliance)",
      description = "Per reviewer, over the recent window: decisions, accept-without-edit rate, median time on "
          + "task, share of decisions under the fast limit; per annotator of labeling projects, gold items labeled and "
          + "the share labeled with the known answer; and the thresholds crossed. Flags are refreshed on read.")
  @GetMapping("/api/oversight/reviewers")
  List<ReviewerSignal> signals() {
    Caller.current(identity).require(Roles.COMPLIANCE, Roles.ADMIN);
    return reviewers.refresh();
  }
}
