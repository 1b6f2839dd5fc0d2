package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Decision;
import dev.countersign.system.WordDiff;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A person's decision on a review task: who may make it, what they may submit, what is recorded,
 * and what the process goes on with. Engine-free; a refusal is an {@link IllegalArgumentException}
 * whose message is shown to the person.
 */
@Service
class ReviewJudgments {

  private static final Logger log = LoggerFactory.getLogger(ReviewJudgments.class);

  /**
   * What a review task holds when someone completes it.
   *
   * @param assignee who claimed the task, or null
   * @param currentUser who is completing it, or null when the engine was called without a user
   * @param rubric score names to what was submitted for them (absent or null: not scored)
   * @param confirmFindings the person confirmed on purpose that the text keeps its screening findings
   */
  record Submission(String requestId, int attempt, String taskId, String taskKey, String assignee, String currentUser,
      String decision, String reason, String draft, Map<String, Object> rubric, boolean confirmFindings,
      Instant taskCreatedAt, Instant claimedAt) {

    boolean secondReview() {
      return LlmOutputReview.Elements.SECOND_REVIEW.equals(taskKey);
    }

    boolean panelReview() {
      return LlmOutputReview.Elements.PANEL_REVIEW.equals(taskKey);
    }
  }

  private static final Map<String, String> TASK_NAMES = Map.of(
      LlmOutputReview.Elements.REVIEW_DRAFT, "review",
      LlmOutputReview.Elements.PANEL_REVIEW, "panel seat",
      LlmOutputReview.Elements.ADJUDICATE_DRAFT, "panel adjudication",
      LlmOutputReview.Elements.ESCALATED_REVIEW, "escalated review",
      LlmOutputReview.Elements.SECOND_REVIEW, "second review",
      LlmOutputReview.Elements.COMPLIANCE_DECISION, "compliance decision");

  private final ReviewRecords records;
  private final Requesters requesters;
  private final ApprovedTextCheck screening;
  private final AuditTrail trail;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;

  ReviewJudgments(ReviewRecords records, Requesters requesters, ApprovedTextCheck screening, AuditTrail trail,
      ApplicationEventPublisher events, ObjectMapper json) {
    this.records = records;
    this.requesters = requesters;
    this.screening = screening;
    this.trail = trail;
    this.events = events;
    this.json = json;
  }

  /**
   * What a new review task shows read-only beside its empty judgment fields: earlier decisions on
   * the request with who made them (a panel seat sees none of its own draft's), whether the draft
   * is a placeholder, and for the second review the first reviewer's reason and edits.
   */
  Map<String, Object> context(String requestId, int attempt, String taskKey, String draft) {
    boolean seat = LlmOutputReview.Elements.PANEL_REVIEW.equals(taskKey);
    List<DecisionRecord> earlier = records.decisions(requestId).stream()
        .filter(d -> !seat || d.attempt() < attempt).toList();
    Map<String, Object> context = new HashMap<>();
    context.put(EARLIER_DECISIONS, earlier.isEmpty() ? null
        : earlier.stream().map(ReviewJudgments::described).collect(Collectors.joining("\n")));
    context.put(PLACEHOLDER_DRAFT, Placeholders.isPlaceholder(draft));
    if (LlmOutputReview.Elements.SECOND_REVIEW.equals(taskKey)) {
      DecisionRecord first = earlier.stream().filter(d -> d.attempt() == attempt && !Decision.REJECT.is(d.decision()))
          .reduce((a, b) -> b).orElse(null);
      context.put(FIRST_REVIEWER_REASON, first == null || first.reason() == null ? "No reason given." : first.reason());
      context.put(FIRST_REVIEWER_EDITS, edits(records.generatedText(requestId, attempt), draft));
    }
    return context;
  }

  /** "Draft 1, review: reviewer rejected it. Reason: ..." */
  private static String described(DecisionRecord d) {
    String did = switch (d.decision()) {
      case "approve" -> "approved it as drafted";
      case "edit" -> "approved it with edits";
      case "reject" -> "rejected it";
      default -> d.decision();
    };
    return "Draft " + d.attempt() + ", " + TASK_NAMES.getOrDefault(d.task(), d.task()) + ": " + d.reviewer() + " "
        + did + ". " + (d.reason() == null ? "No reason given." : "Reason: " + d.reason());
  }

  /** The model's draft against the approved text, word by word: [-removed-] and {+added+}. */
  static String edits(String generated, String approved) {
    if (WordDiff.normalise(generated).equals(WordDiff.normalise(approved))) {
      return "No edits: approved as the model drafted it.";
    }
    StringBuilder text = new StringBuilder();
    for (WordDiff.Segment segment : WordDiff.of(generated, approved)) {
      switch (segment.op()) {
        case SAME -> text.append(segment.text());
        case REMOVED -> text.append("[-").append(segment.text().strip()).append("-] ");
        case ADDED -> text.append("{+").append(segment.text().strip()).append("+} ");
      }
    }
    return text.toString().strip();
  }

  /**
   * Refuses a claim by someone whom separation of duties bars from this task.
   *
   * @param heldElsewhere who holds the draft's other panel tasks now
   */
  void checkClaim(String requestId, int attempt, String taskKey, String assignee, Collection<String> heldElsewhere) {
    Set<String> panel = panel(requestId, attempt, taskKey);
    panel.addAll(heldElsewhere);
    refuseIfBarred(requestId, attempt, taskKey, assignee, panel);
  }

  /** Checks and records the decision; returns the process variables it sets. */
  Map<String, Object> decide(Submission task) {
    String reviewer = task.assignee() != null ? task.assignee() : task.currentUser();
    if (reviewer == null) {
      throw new IllegalArgumentException("Claim the task before completing it: every decision needs a named reviewer");
    }
    Set<String> panel = panel(task.requestId(), task.attempt(), task.taskKey());
    refuseIfBarred(task.requestId(), task.attempt(), task.taskKey(), reviewer, panel);
    refuseIfBarred(task.requestId(), task.attempt(), task.taskKey(), task.currentUser(), panel);
    String generated = records.generatedText(task.requestId(), task.attempt());
    // A second reviewer confirms the text the first one approved, as recorded; they cannot swap in another.
    String base = task.secondReview()
        ? records.approval(task.requestId(), task.attempt()).map(DecisionRecord::finalText).orElse(null) : generated;
    String reviewed = task.secondReview() ? base : task.draft();
    ReviewDecision decision = ReviewDecision.of(task.decision(), task.reason(), reviewed, base);
    if (!decision.isReject()) {
      refuseUnscreened(task, reviewer, decision);
    }
    String rubric = rubricJson(task.rubric());
    records.insertDecision(task.requestId(), task.attempt(), task.taskId(), task.taskKey(), reviewer, decision, rubric,
        task.taskCreatedAt(), task.claimedAt());
    log.info("Review request {}: {} decided '{}' in {}", task.requestId(), reviewer, decision.decision().value(),
        task.taskKey());
    if (decision.decision() != Decision.APPROVE) {
      events.publishEvent(new DraftCorrected(task.requestId(), task.attempt(), reviewer, decision.decision().value(),
          decision.reason()));
    }
    if (task.panelReview()) {
      // One seat of several: "Assess panel" sets what the process goes on with once every seat has decided.
      return Map.of();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(DECISION, decision.decision().value());
    if (decision.isReject()) {
      variables.put(REJECTED_DRAFT, generated);
      variables.put(REVIEW_FEEDBACK, decision.reason());
    } else {
      variables.put(DRAFT, decision.finalText());
      if (!task.secondReview()) {
        variables.put(FIRST_REVIEWER, reviewer);
      }
    }
    return variables;
  }

  /**
   * What is approved is screened, not only what was drafted: a placeholder is refused, and a text
   * with findings passes only when the person confirms them on purpose, with a reason the trail keeps.
   */
  private void refuseUnscreened(Submission task, String reviewer, ReviewDecision decision) {
    if (Placeholders.isPlaceholder(decision.finalText())) {
      throw new IllegalArgumentException("This draft is a placeholder: no language model wrote it, so it cannot be "
          + "approved as it is. Write the reply in the draft field in place of the bracketed note, or reject it.");
    }
    List<String> findings = screening.findings(decision.finalText());
    if (findings.isEmpty()) {
      return;
    }
    if (!task.confirmFindings()) {
      throw new IllegalArgumentException("The text to approve has screening findings: " + String.join("; ", findings)
          + ". Remove them, or confirm on purpose that it keeps them and give a reason.");
    }
    if (decision.reason() == null) {
      throw new IllegalArgumentException("Confirming screening findings on purpose needs a reason for the record");
    }
    trail.append(task.requestId(), "findings.confirmed", reviewer, AuditTrail.details("taskId", task.taskId(),
        "task", task.taskKey(), "findings", findings, "reason", decision.reason()));
  }

  /**
   * Refuses {@code person} where separation of duties bars them, judged on what the server recorded:
   * who requested, and who approved this draft. A process variable saying otherwise changes nothing.
   */
  private void refuseIfBarred(String requestId, int attempt, String taskKey, String person, Collection<String> panel) {
    if (person == null) {
      return;
    }
    String firstReviewer = LlmOutputReview.Elements.SECOND_REVIEW.equals(taskKey)
        ? records.approval(requestId, attempt).map(DecisionRecord::reviewer).orElse(null) : null;
    SeparationOfDuties.refusal(taskKey, person, requesters.requester(requestId).orElse(null), firstReviewer, panel)
        .ifPresent(reason -> {
          throw new IllegalArgumentException(reason);
        });
  }

  /** Who decided in this draft's panel, where the task is a panel seat or its adjudication. */
  private Set<String> panel(String requestId, int attempt, String taskKey) {
    Set<String> panel = new HashSet<>();
    if (LlmOutputReview.Elements.PANEL_REVIEW.equals(taskKey) || LlmOutputReview.Elements.ADJUDICATE_DRAFT.equals(taskKey)) {
      records.panel(requestId, attempt).forEach(decided -> panel.add(decided.reviewer()));
    }
    return panel;
  }

  /** The scores given, as JSON, or null when none was; each must be from 1 to 5. */
  private String rubricJson(Map<String, Object> submitted) {
    Map<String, Object> scores = new LinkedHashMap<>();
    submitted.forEach((name, value) -> {
      if (value instanceof Number score) {
        if (score.doubleValue() < 1 || score.doubleValue() > 5) {
          throw new IllegalArgumentException("Rubric score '" + name + "' must be between 1 and 5, not " + score);
        }
        scores.put(name, score);
      }
    });
    if (scores.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(scores);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
