package dev.countersign.request;

import static dev.countersign.review.LlmOutputReview.Elements.*;
import static dev.countersign.review.LlmOutputReview.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.oversight.AuditExport;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.DraftRecord;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.review.ReviewRecords;
import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
class ReviewService {

  private static final Map<String, String> STATUS_BY_ACTIVITY = Map.of(
      GENERATE_DRAFT, "GENERATING",
      SCREEN_DRAFT, "SCREENING",
      REVIEW_DRAFT, "IN_REVIEW",
      PANEL_REVIEW, "IN_REVIEW",
      ADJUDICATE_DRAFT, "ESCALATED",
      ESCALATED_REVIEW, "ESCALATED",
      SECOND_REVIEW, "CONFIRMING",
      COMPLIANCE_DECISION, "COMPLIANCE_REVIEW");

  /** Queries must be bounded: queryMaxResultsLimit refuses unbounded ones from a logged-in caller. */
  private static final int MAX_INCIDENTS = 100;

  private final RuntimeService runtime;
  private final JdbcTemplate jdbc;
  private final ReviewRecords records;
  private final FeedbackStore feedback;
  private final ObjectMapper json;
  private final RequestProperties limits;
  private final IdentityService identity;
  private final AuditTrail audit;

  ReviewService(RuntimeService runtime, JdbcTemplate jdbc, ReviewRecords records, FeedbackStore feedback,
      ObjectMapper json, RequestProperties limits, IdentityService identity, AuditTrail audit) {
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.records = records;
    this.feedback = feedback;
    this.json = json;
    this.limits = limits;
    this.identity = identity;
    this.audit = audit;
  }

  /** Starts the review process; the engine's start listener registers the request in the same transaction. */
  ProcessInstance submit(NewReview request) {
    List<String> problems = request.problems(limits);
    if (!problems.isEmpty()) {
      throw new InvalidReviewException(problems);
    }
    // The start listener gives the request its id, which becomes the instance's business key.
    return runtime.startProcessInstanceByKey(LlmOutputReview.PROCESS_KEY,
        Map.of(USE_CASE, request.useCase(), INPUT, request.input(), RISK_TIER, request.riskTier()));
  }

  private record RequestRow(String id, String processInstanceId, String useCase, String riskTier, String input,
      String requester, Instant createdAt) {}

  /** The request as {@code caller} may see it. */
  Optional<ReviewView> find(String id, Caller caller) {
    return readable(id, caller).map(request -> Caller.asSystem(identity, () -> view(request)));
  }

  /** The request's evidence trail, verified, as {@code caller} may see it. */
  Optional<AuditExport> trail(String id, Caller caller) {
    return readable(id, caller).map(request -> audit.export(request.id()));
  }

  /**
   * Who may read a request, for everything under /api/reviews/{id}: its requester, compliance and
   * administrators. Anyone else is told what they would be told of a request that does not exist.
   */
  private Optional<RequestRow> readable(String id, Caller caller) {
    return jdbc.query("select * from cs_review_request where id = ?", ReviewService::requestRow, id)
        .stream().findFirst()
        .filter(request -> caller.userId().equals(request.requester()) || caller.inAny(Roles.COMPLIANCE, Roles.ADMIN));
  }

  String status(String processInstanceId) {
    List<String> active = Caller.asSystem(identity, () -> runtime.getActiveActivityIds(processInstanceId));
    return active.stream().map(STATUS_BY_ACTIVITY::get).filter(s -> s != null).findFirst().orElse("PROCESSING");
  }

  private static RequestRow requestRow(ResultSet rs, int row) throws SQLException {
    return new RequestRow(rs.getString("id"), rs.getString("process_instance_id"), rs.getString("use_case"),
        rs.getString("risk_tier"), rs.getString("input_text"), rs.getString("requester"),
        rs.getTimestamp("created_at").toInstant());
  }

  private ReviewView view(RequestRow request) {
    String id = request.id();
    String processInstanceId = request.processInstanceId();
    List<ReviewView.Draft> drafts = records.drafts(id).stream().map(this::draft).toList();
    Optional<FeedbackStore.Outcome> outcome = feedback.outcome(id);
    boolean running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    String status = outcome.map(FeedbackStore.Outcome::outcome)
        .orElseGet(() -> running ? status(processInstanceId) : "CANCELLED");
    List<ReviewView.Incident> incidents = runtime.createIncidentQuery().processInstanceId(processInstanceId).listPage(0, MAX_INCIDENTS)
        .stream()
        .map(i -> new ReviewView.Incident(i.getActivityId(), i.getIncidentMessage(), i.getIncidentTimestamp().toInstant()))
        .toList();
    return new ReviewView(id, status, processInstanceId, request.useCase(), request.riskTier(), request.input(),
        request.requester(), request.createdAt(),
        drafts.size(), drafts.isEmpty() ? null : drafts.get(drafts.size() - 1), drafts, records.decisions(id),
        outcome.map(FeedbackStore.Outcome::outcome).orElse(null),
        outcome.map(FeedbackStore.Outcome::finalText).orElse(null), incidents);
  }

  private ReviewView.Draft draft(DraftRecord d) {
    ReviewView.Screening screening = d.piiFound() == null ? null
        : new ReviewView.Screening(d.piiFound(), d.policyHit(), d.judgeScore(), parse(d.findingsJson()));
    return new ReviewView.Draft(d.attempt(), d.text(), d.model(), d.promptVersion(), d.promptTokens(),
        d.completionTokens(), screening, d.createdAt());
  }

  private JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
