package dev.countersign.request;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of our API as RFC 9457 problem details, with a message a caller can act on. */
// Before Spring's own problem-details handler, which would answer unreadable JSON without our hint.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidReviewException.class)
  ProblemDetail invalid(InvalidReviewException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid review request");
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    log.debug("Unreadable request body", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request body is not valid JSON of the expected shape: {\"useCase\": \"...\", \"input\": \"...\", \"riskTier\": \"low|medium|high\"}");
    problem.setTitle("Malformed request");
    return problem;
  }

  @ExceptionHandler(ProcessEngineException.class)
  ProblemDetail engineFailure(ProcessEngineException e) {
    log.error("The process engine failed a request", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "The process engine could not process the request; nothing was created. See the server log.");
    problem.setTitle("Process engine failure");
    return problem;
  }

  /** The engine's own authorization said no: a refusal like any other, not a failure to log. */
  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    log.info("Refused by authorization: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
        "Your groups do not allow this; starting a review takes membership of the requesters group.");
    problem.setTitle("Not permitted");
    return problem;
  }

  @ExceptionHandler(BadUserRequestException.class)
  ProblemDetail refused(BadUserRequestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Refused by the process engine");
    return problem;
  }
}
