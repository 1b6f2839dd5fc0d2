package dev.countersign.automation;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * Compliance's rules, read from the latest deployed {@code automation-policy.dmn} and
 * {@code review-routing.dmn}: when a pair has earned automation, when its audits say it drifted,
 * and how a pair is routed now.
 */
@Service
class AutomationPolicy {

  static final String ROUTING_DECISION = "review-routing";

  private final DecisionService decisions;

  AutomationPolicy(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** The audit sample rate to propose, if the evidence earns the pair automation. */
  Optional<Double> proposal(Evidence.Pair evidence, String currentMode) {
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(AutomationReview.POLICY_DECISION, Map.of(
        "decisions", Math.toIntExact(evidence.decisions()), "wilsonLowerBound", evidence.wilsonLowerBound(),
        "piiFindings", Math.toIntExact(evidence.piiFindings()), "currentMode", currentMode)).getSingleResult();
    return Boolean.TRUE.equals(result.get("propose"))
        ? Optional.of(((Number) result.get("auditSampleRate")).doubleValue()) : Optional.empty();
  }

  boolean drifted(Evidence.Audits audits) {
    return Boolean.TRUE.equals(decisions.evaluateDecisionTableByKey(AutomationReview.DRIFT_DECISION, Map.of(
        "audited", audits.audited(), "overruledInARow", audits.overruledInARow(),
        "overruledShare", audits.overruledShare())).getSingleEntry());
  }

  /** What the routing table says for a pair now: review mode, group, SLA, drafts, sample rate, blind. */
  Map<String, Object> routing(String useCase, String riskTier) {
    return decisions.evaluateDecisionTableByKey(ROUTING_DECISION, Map.of("useCase", useCase, "riskTier", riskTier))
        .getFirstResult().getEntryMap();
  }

  String mode(String useCase, String riskTier) {
    return (String) routing(useCase, riskTier).get("reviewMode");
  }
}
