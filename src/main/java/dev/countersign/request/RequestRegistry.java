package dev.countersign.request;

import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.Requesters;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Accepts or refuses a review request and keeps the row every later step refers to. Engine-free. */
@Service
class RequestRegistry implements Requesters {

  private static final Logger log = LoggerFactory.getLogger(RequestRegistry.class);

  /**
   * @param auditDraw uniform in [0, 1), drawn once per request so the auto-approval table can sample
   *     audits without randomness of its own
   */
  record Registered(String requestId, double auditDraw) {}

  private final JdbcTemplate jdbc;
  private final RequestProperties limits;
  private final AuditTrail audit;

  RequestRegistry(JdbcTemplate jdbc, RequestProperties limits, AuditTrail audit) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.audit = audit;
  }

  @Override
  public Optional<String> requester(String requestId) {
    return jdbc.queryForList("select requester from cs_review_request where id = ?", String.class, requestId).stream()
        .filter(Objects::nonNull).findFirst();
  }

  /**
   * Registers the request under a new id of the server's.
   *
   * @param requester who asked, or null when the engine was started without a user
   * @throws InvalidReviewException with every problem, before anything is written
   */
  Registered register(String processInstanceId, NewReview request, String requester) {
    List<String> problems = request.problems(limits);
    if (!problems.isEmpty()) {
      throw new InvalidReviewException(problems);
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("""
        insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, created_at)
        values (?, ?, ?, ?, ?, ?, ?)""",
        id, processInstanceId, request.useCase(), request.riskTier(), request.input(), requester,
        Timestamp.from(Instant.now()));
    audit.append(id, "request.received", requester == null ? AuditTrail.SYSTEM : requester,
        AuditTrail.details("processInstanceId", processInstanceId, "useCase", request.useCase(),
            "riskTier", request.riskTier(), "inputChars", request.input().length(),
            "inputSha256", AuditTrail.digest(request.input())));
    // Never the input itself: it may hold personal data.
    log.info("Review request {} registered: use case {}, risk {}, requester {}, {} characters",
        id, request.useCase(), request.riskTier(), requester, request.input().length());
    return new Registered(id, ThreadLocalRandom.current().nextDouble());
  }
}
