package dev.countersign.request;

import static dev.countersign.review.LlmOutputReview.Variables.*;
import static dev.countersign.system.ProcessVariables.text;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Registers every review request as its process instance starts, however it was started (our API,
 * the Tasklist start form, /engine-rest), with the same validation. Runs inside the start
 * transaction: a refused request leaves neither a row nor an instance behind, and /engine-rest
 * answers 400 with the reason. The request's id is the server's, and becomes the instance's
 * business key whatever key the client sent: a client's key never names a request or an evidence
 * chain (such as "oversight").
 */
@Component("reviewRequests")
class ReviewRequests implements ExecutionListener {

  private final RequestRegistry registry;

  ReviewRequests(RequestRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void notify(DelegateExecution execution) {
    NewReview request = new NewReview(text(execution, USE_CASE), text(execution, INPUT), text(execution, RISK_TIER));
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String requester = user == null ? null : user.getUserId();
    RequestRegistry.Registered registered;
    try {
      registered = registry.register(execution.getProcessInstanceId(), request, requester);
    } catch (InvalidReviewException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    execution.setProcessBusinessKey(registered.requestId());
    execution.setVariable(REQUESTER, requester);
    execution.setVariable(AUDIT_DRAW, registered.auditDraw());
  }
}
