package dev.countersign.request;

import static dev.countersign.review.LlmOutputReview.Variables.*;
import static dev.countersign.review.ProcessVariables.text;

import dev.countersign.oversight.AuditTrail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers every review request as its process instance starts, however it was started (our API,
 * the Tasklist start form, /engine-rest). Runs inside the start transaction: a refused request
 * leaves neither a row nor an instance behind, and /engine-rest answers 400 with the reason.
 */
@Component("reviewRequests")
class ReviewRequests implements ExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(ReviewRequests.class);

  private final JdbcTemplate jdbc;
  private final RequestProperties limits;
  private final AuditTrail audit;

  ReviewRequests(JdbcTemplate jdbc, RequestProperties limits, AuditTrail audit) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateExecution execution) {
    NewReview request = new NewReview(text(execution, USE_CASE), text(execution, INPUT), text(execution, RISK_TIER));
    List<String> problems = request.problems(limits);
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("Invalid review request: " + String.join("; ", problems));
    }
    String id = execution.getProcessBusinessKey();
    if (id == null) {
      id = UUID.randomUUID().toString();
      execution.setProcessBusinessKey(id);
    }
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String requester = user == null ? null : user.getUserId();
    jdbc.update("""
        insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, created_at)
        values (?, ?, ?, ?, ?, ?, ?)""",
        id, execution.getProcessInstanceId(), request.useCase(), request.riskTier(), request.input(), requester,
        Timestamp.from(Instant.now()));
    audit.append(id, "request.received", requester == null ? AuditTrail.SYSTEM : requester,
        AuditTrail.details("processInstanceId", execution.getProcessInstanceId(), "useCase", request.useCase(),
            "riskTier", request.riskTier(), "inputChars", request.input().length(),
            "inputSha256", AuditTrail.digest(request.input())));
    execution.setVariable(REQUESTER, requester);
    execution.setVariable(ATTEMPT, 0);
    // Drawn here so the auto-approval table can sample audits without randomness of its own.
    execution.setVariable(AUDIT_DRAW, ThreadLocalRandom.current().nextDouble());
    // Never the input itself: it may hold personal data.
    log.info("Review request {} registered: use case {}, risk {}, requester {}, {} characters",
        id, request.useCase(), request.riskTier(), requester, request.input().length());
  }
}
