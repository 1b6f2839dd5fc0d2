package dev.countersign.review;

import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
   */
  record Submission(String requestId, int attempt, String taskId, String taskKey, String assignee, String currentUser,
      String requester, String firstReviewer, String decision, String reason, String draft, String approvedText,
      Map<String, Object> rubric, Instant taskCreatedAt, Instant claimedAt) {

    boolean secondReview() {
      return LlmOutputReview.Elements.SECOND_REVIEW.equals(taskKey);
    }

    boolean panelReview() {
      return LlmOutputReview.Elements.PANEL_REVIEW.equals(taskKey);
    }
  }

  private final ReviewRecords records;
  private final ObjectMapper json;

  ReviewJudgments(ReviewRecords records, ObjectMapper json) {
    this.records = records;
    this.json = json;
  }

  /**
   * Refuses a claim by someone whom separation of duties bars from this task.
   *
   * @param heldElsewhere who holds the draft's other panel tasks now
   */
  void checkClaim(String requestId, int attempt, String taskKey, String assignee, String requester,
      String firstReviewer, Collection<String> heldElsewhere) {
    Set<String> panel = panel(requestId, attempt, taskKey);
    panel.addAll(heldElsewhere);
    refuseIfBarred(taskKey, assignee, requester, firstReviewer, panel);
  }

  /** Checks and records the decision; returns the process variables it sets. */
  Map<String, Object> decide(Submission task) {
    String reviewer = task.assignee() != null ? task.assignee() : task.currentUser();
    if (reviewer == null) {
      throw new IllegalArgumentException("Claim the task before completing it: every decision needs a named reviewer");
    }
    Set<String> panel = panel(task.requestId(), task.attempt(), task.taskKey());
    refuseIfBarred(task.taskKey(), reviewer, task.requester(), task.firstReviewer(), panel);
    refuseIfBarred(task.taskKey(), task.currentUser(), task.requester(), task.firstReviewer(), panel);
    String generated = records.generatedText(task.requestId(), task.attempt());
    // A second reviewer confirms the text the first one approved; they cannot swap in another.
    String base = task.secondReview() ? task.approvedText() : generated;
    String reviewed = task.secondReview() ? base : task.draft();
    ReviewDecision decision = ReviewDecision.of(task.decision(), task.reason(), reviewed, base);
    String rubric = rubricJson(task.rubric());
    records.insertDecision(task.requestId(), task.attempt(), task.taskId(), task.taskKey(), reviewer, decision, rubric,
        task.taskCreatedAt(), task.claimedAt());
    log.info("Review request {}: {} decided '{}' in {}", task.requestId(), reviewer, decision.decision().value(),
        task.taskKey());
    if (task.panelReview()) {
      // One seat of several: "Assess panel" sets what the process goes on with once every seat has decided.
      return Map.of();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(DECISION, decision.decision().value());
    if (decision.isReject()) {
      variables.put(REJECTED_DRAFT, generated);
      variables.put(REVIEW_FEEDBACK, decision.reason());
    } else if (task.secondReview()) {
      variables.put(DRAFT, base);
    } else {
      variables.put(FIRST_REVIEWER, reviewer);
      variables.put(APPROVED_TEXT, decision.finalText());
    }
    return variables;
  }

  private static void refuseIfBarred(String taskKey, String person, String requester, String firstReviewer,
      Collection<String> panel) {
    SeparationOfDuties.refusal(taskKey, person, requester, firstReviewer, panel).ifPresent(reason -> {
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
