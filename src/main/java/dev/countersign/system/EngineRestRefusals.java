package dev.countersign.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our listeners refuse a claim or a completion with a {@link BadUserRequestException}. Some
 * endpoints, submit-form among them, wrap it in a {@link RestException} that the engine's REST API
 * would answer with a 500. These mappers answer such a refusal as the 400 it is, with our sentence
 * and no engine code, logged at INFO; everything else goes to Camunda's own handler unchanged.
 * Jersey discovers them in every application it serves: /engine-rest and the webapps' own engine
 * API under /camunda/api/engine, which the Tasklist calls.
 */
public final class EngineRestRefusals implements AutoDiscoverable {

  private static final Logger log = LoggerFactory.getLogger(EngineRestRefusals.class);

  @Override
  public void configure(jakarta.ws.rs.core.FeatureContext context) {
    if (!context.getConfiguration().isRegistered(RestRefusal.class)) {
      context.register(EngineRefusal.class).register(RestRefusal.class);
    }
  }

  /** The refusal inside {@code failure}, if one of our listeners refused. */
  static Optional<BadUserRequestException> refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException refusal) {
        return Optional.of(refusal);
      }
    }
    return Optional.empty();
  }

  @Priority(Priorities.USER - 100)
  public static class EngineRefusal implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return refusal(exception).map(EngineRestRefusals::answer).orElseGet(() -> camunda.toResponse(exception));
    }
  }

  private static Response answer(BadUserRequestException refusal) {
    log.info("Refused: {}", refusal.getMessage().replaceAll("\\p{Cntrl}", " "));
    return ExceptionHandlerHelper.getInstance().getResponse(refusal);
  }

  /** Some endpoints, submit-form among them, wrap the engine's exception once more. */
  @Priority(Priorities.USER - 100)
  public static class RestRefusal implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      return refusal(exception).map(EngineRestRefusals::answer).orElseGet(() -> camunda.toResponse(exception));
    }
  }
}
