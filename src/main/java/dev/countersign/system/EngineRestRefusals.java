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
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our listeners refuse a claim or a completion with a {@link BadUserRequestException}; the engine
 * wraps every listener exception in a plain {@link ProcessEngineException}, which /engine-rest
 * would answer with a 500. These mappers answer such a refusal as the 400 it is, with our message;
 * everything else goes to Camunda's own handler unchanged.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestRefusals {

  @Bean
  ResourceConfigCustomizer engineRestRefusalMappers() {
    return config -> config.register(EngineRefusal.class).register(RestRefusal.class);
  }

  /** The refusal inside {@code failure}, if one of our listeners refused. */
  static Optional<BadUserRequestException> refusal(Throwable failure) {
    for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException refusal) {
        return Optional.of(refusal);
      }
    }
    return Optional.empty();
  }

  @Priority(Priorities.USER - 100)
  static class EngineRefusal implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return refusal(exception).map(ExceptionHandlerHelper.getInstance()::getResponse)
          .orElseGet(() -> camunda.toResponse(exception));
    }
  }

  /** Some endpoints, submit-form among them, wrap the engine's exception once more. */
  @Priority(Priorities.USER - 100)
  static class RestRefusal implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      return refusal(exception).map(ExceptionHandlerHelper.getInstance()::getResponse)
          .orElseGet(() -> camunda.toResponse(exception));
    }
  }
}
