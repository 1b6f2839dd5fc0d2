package dev.countersign.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Our listeners refuse a claim or a completion with a {@link BadUserRequestException}
 * ({@link ListenerRefusals} keeps it unwrapped and logs it). Some endpoints, submit-form among them,
 * wrap it once more in a {@link RestException} that the REST API would answer with a 500. This
 * mapper answers such a refusal as the 400 it is, with our sentence and no engine code; everything
 * else goes to Camunda's own handler unchanged. Jersey discovers it in every application it
 * serves: /engine-rest and the webapps' own engine API under /camunda/api/engine, which the
 * Tasklist calls.
 */
public final class EngineRestRefusals implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(RestRefusal.class)) {
      context.register(RestRefusal.class);
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

  /** Some endpoints, submit-form among them, wrap the engine's exception once more. */
  @Priority(Priorities.USER - 100)
  public static class RestRefusal implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      return refusal(exception).map(ExceptionHandlerHelper.getInstance()::getResponse)
          .orElseGet(() -> camunda.toResponse(exception));
    }
  }
}
