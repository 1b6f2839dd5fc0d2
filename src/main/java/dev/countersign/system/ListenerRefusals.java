package dev.countersign.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws in a plain {@link ProcessEngineException}
 * ("ENGINE-03051 There was an exception while invoking the TaskListener"), which it logs at ERROR
 * and which both REST APIs answer with a 500. Inside each command, this takes our listeners'
 * refusal ({@link BadUserRequestException}) out of that wrapper again, so the engine logs it as the
 * bad request it is and every API answers 400 with the refusal's own sentence. It is logged here,
 * once, at INFO. The transaction still rolls back.
 */
@Component
class ListenerRefusals extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ListenerRefusals.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired();
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(new Unwrap());
    configuration.setCustomPostCommandInterceptorsTxRequired(all);
  }

  static final class Unwrap extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (BadUserRequestException refusal) {
        throw refusal;
      } catch (ProcessEngineException failure) {
        BadUserRequestException refusal = EngineRestRefusals.refusal(failure).orElseThrow(() -> failure);
        // Control characters folded: a refusal may quote what a client sent.
        log.info("Refused: {}", refusal.getMessage().replaceAll("\\p{Cntrl}", " "));
        throw refusal;
      }
    }
  }
}
