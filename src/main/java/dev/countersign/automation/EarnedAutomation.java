package dev.countersign.automation;

import dev.countersign.system.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the automation-review process does, without the engine's API: find the pairs whose
 * evidence passes compliance's policy, check compliance's decision, change the routing, and demote a
 * pair whose audits drifted.
 */
@Service
class EarnedAutomation {

  private static final Logger log = LoggerFactory.getLogger(EarnedAutomation.class);

  private final Evidence evidence;
  private final AutomationPolicy policy;
  private final Proposals proposals;
  private final RoutingChanges routing;

  EarnedAutomation(Evidence evidence, AutomationPolicy policy, Proposals proposals, RoutingChanges routing) {
    this.evidence = evidence;
    this.policy = policy;
    this.proposals = proposals;
    this.routing = routing;
  }

  /** Opens a proposal for each pair that earned automation and has none open or held back: their ids. */
  List<String> proposeEarned(String actor) {
    Instant now = Instant.now();
    List<String> opened = new ArrayList<>();
    for (Evidence.Pair pair : evidence.pairs(now)) {
      String mode = policy.mode(pair.useCase(), pair.riskTier());
      Optional<Double> sampleRate = policy.proposal(pair, mode);
      if (sampleRate.isPresent() && proposals.mayPropose(pair.useCase(), pair.riskTier(), now)) {
        opened.add(proposals.create(Proposals.Kind.AUTOMATE, pair, sampleRate.get(), null, actor));
        log.info("Automation proposed for {} / {}: {} decisions, {} approved without edit (Wilson lower bound {})",
            pair.useCase(), pair.riskTier(), pair.decisions(), pair.approvedUnedited(),
            String.format(Locale.ROOT, "%.3f", pair.wilsonLowerBound()));
      }
    }
    return opened;
  }

  /** The evidence behind a proposal, in words for the form. */
  String evidenceText(String proposalId) {
    return describe(proposals.find(proposalId));
  }

  String changeText(String proposalId) {
    return proposals.find(proposalId).change();
  }

  /** @throws IllegalArgumentException unless approve, or reject with a reason */
  static void checkDecision(String decision, String reason) {
    if (Decision.APPROVE.is(decision)) {
      return;
    }
    if (!Decision.REJECT.is(decision)) {
      throw new IllegalArgumentException("Decide approve or reject, not '" + decision + "'");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Say why the proposal is rejected: it is held back for the cool-down");
    }
  }

  /** Deploys the approved change: the new routing table's deployment id. */
  String deploy(String proposalId, String actor) {
    Proposals.Proposal proposal = proposals.find(proposalId);
    String mode = proposal.kind() == Proposals.Kind.AUTOMATE ? Evidence.AUTO_MODE : Evidence.SINGLE_MODE;
    double sampleRate = proposal.kind() == Proposals.Kind.AUTOMATE ? proposal.auditSampleRate() : 0;
    String deployment = routing.deploy(proposalId, proposal.useCase(), proposal.riskTier(), mode, sampleRate);
    proposals.deployed(proposalId, deployment, actor);
    log.info("Routing for {} / {} set to {} (proposal {}, deployment {})", proposal.useCase(), proposal.riskTier(),
        mode, proposalId, deployment);
    return deployment;
  }

  void hold(String proposalId, String reason, String actor) {
    proposals.rejected(proposalId, reason, actor);
  }

  /**
   * After a person decided a request: if the routing had sent it {@code AUTO} (it was an audit) and
   * the pair's latest audits pass the drift rule, a demotion proposal's id.
   */
  Optional<String> demotionAfter(String requestId, String actor) {
    Evidence.Decided decided = evidence.decided(requestId).orElse(null);
    if (decided == null || !decided.audit()) {
      return Optional.empty();
    }
    String useCase = decided.useCase();
    String riskTier = decided.riskTier();
    Evidence.Audits audits = evidence.audits(useCase, riskTier);
    if (!Evidence.AUTO_MODE.equals(policy.mode(useCase, riskTier)) || !policy.drifted(audits)
        || !proposals.mayDemote(useCase, riskTier)) {
      return Optional.empty();
    }
    String reason = String.format(Locale.ROOT, "People overruled the last %d audited drafts in a row and %.0f%% "
        + "of the last %d audits (edited, rejected, or rejected before a redraft was approved)",
        audits.overruledInARow(), audits.overruledShare() * 100, audits.audited());
    // Only this pair's rows: this runs inside the reviewer's completion.
    Evidence.Pair pair = evidence.pair(useCase, riskTier, Instant.now()).orElseThrow();
    String id = proposals.create(Proposals.Kind.DEMOTE, pair, 0.0, reason, actor);
    log.warn("Automation of {} / {} drifted: {}; demoting it to single review (proposal {})", useCase, riskTier,
        reason, id);
    return Optional.of(id);
  }

  private String describe(Proposals.Proposal proposal) {
    Evidence.Pair e = proposals.evidence(proposal);
    return String.format(Locale.ROOT, """
        %d decisions by people on %s / %s in the evidence window: %.1f%% approved without edit (Wilson lower \
        bound %.3f), %.1f%% edited, %.1f%% rejected. Median edit distance %.3f. Screening found something in \
        %.1f%% of requests (%d with personal data). Reviewers spent %.0f minutes, %.1f per decision (median). \
        %d auto-approved, %d audited, %d of those overruled.%s""",
        e.decisions(), e.useCase(), e.riskTier(), e.approvedUneditedShare() * 100, e.wilsonLowerBound(),
        e.editedShare() * 100, e.rejectedShare() * 100, e.medianEditDistance(), e.findingsRate() * 100,
        e.piiFindings(), e.reviewerMinutes(), e.medianMinutesPerDecision(), e.autoApproved(), e.audited(),
        e.auditedOverruled(), proposal.reason() == null ? "" : " Why: " + proposal.reason() + ".");
  }
}
