package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import dev.countersign.labeling.ItemVerdict;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Decision;
import dev.countersign.system.WordDiff;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a review panel's independent decisions on one draft add up to. The panel agrees when every
 * member decided alike: all rejected, or all approved the same text (approved as drafted, or edited
 * to one text). Then the process goes on with that decision, as with one reviewer's; otherwise a
 * senior reviewer adjudicates, reading every decision. Engine-free; labeling's {@link ItemVerdict}
 * counts, as for an item's labels.
 */
@Service
class PanelReviews {

  private static final Logger log = LoggerFactory.getLogger(PanelReviews.class);

  private final ReviewRecords records;
  private final AuditTrail audit;

  PanelReviews(ReviewRecords records, AuditTrail audit) {
    this.records = records;
    this.audit = audit;
  }

  /** The variables the process goes on with. */
  Map<String, Object> assess(String requestId, int attempt) {
    List<DecisionRecord> panel = records.panel(requestId, attempt);
    if (panel.isEmpty()) {
      throw new IllegalStateException("Review request " + requestId + ", draft " + attempt + ": the panel decided nothing");
    }
    ItemVerdict verdict = ItemVerdict.of(panel.stream().map(d -> sameness(d.decision(), d.finalText())).toList());
    Map<String, Object> variables = new HashMap<>();
    variables.put(PANEL_AGREED, verdict.unanimous());
    variables.put(PANEL_DECISIONS, panel.stream().map(PanelReviews::said).collect(Collectors.joining("\n")));
    if (verdict.unanimous()) {
      DecisionRecord first = panel.get(0);
      if (Decision.REJECT.is(first.decision())) {
        variables.put(DECISION, Decision.REJECT.value());
        variables.put(REJECTED_DRAFT, records.generatedText(requestId, attempt));
        variables.put(REVIEW_FEEDBACK, panel.stream().map(DecisionRecord::reason).collect(Collectors.joining("\n")));
      } else {
        boolean edited = panel.stream().anyMatch(d -> Decision.EDIT.is(d.decision()));
        variables.put(DECISION, (edited ? Decision.EDIT : Decision.APPROVE).value());
        variables.put(DRAFT, first.finalText());
        variables.put(FIRST_REVIEWER, first.reviewer());
      }
    }
    audit.append(requestId, "panel.assessed", AuditTrail.SYSTEM, AuditTrail.details("attempt", attempt,
        "members", panel.stream().map(DecisionRecord::reviewer).toList(),
        "decisions", panel.stream().map(DecisionRecord::decision).toList(), "agreed", verdict.unanimous(),
        "majorityShare", verdict.majorityShare()));
    log.info("Review request {}, draft {}: the panel of {} {}", requestId, attempt, panel.size(),
        verdict.unanimous() ? "agreed (" + variables.get(DECISION) + ")" : "disagreed; a senior reviewer adjudicates");
    return variables;
  }

  /** Two decisions are alike when both reject, or both approve the same text, whitespace aside. */
  static String sameness(String decision, String finalText) {
    return Decision.REJECT.is(decision) ? "reject" : "approve:" + WordDiff.normalise(finalText);
  }

  private static String said(DecisionRecord decision) {
    StringBuilder line = new StringBuilder(decision.reviewer()).append(": ").append(decision.decision());
    if (decision.reason() != null) {
      line.append(" (").append(decision.reason()).append(')');
    }
    if (Decision.EDIT.is(decision.decision())) {
      line.append(" → ").append(decision.finalText());
    }
    return line.toString();
  }
}
