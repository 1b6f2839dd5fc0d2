package dev.countersign.system;

import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.spring.SpringTopicSubscription;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.spi.FetchAndLockHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The workers' REST client: how it fetches, starts and stops. Used by a {@code worker} process, and
 * by the app's own workers with {@code WORKER_TRANSPORT=rest}; otherwise they fetch in process
 * (see {@link InProcessFetcher}) and the client the starter builds is never started.
 */
@Configuration(proxyBeanMethods = false)
@InAppWorkers
@ConditionalOnProperty(name = "countersign.workers.transport", havingValue = "rest")
class ExternalTaskClientConfig {

  private static final Logger log = LoggerFactory.getLogger(ExternalTaskClientConfig.class);
  private static final String MAX_CONNECTIONS = "http.maxConnections";

  /**
   * The client's default idles up to 60 s after an empty fetch. With long polling on, that wait is
   * rarely reached; without it (tests, some proxies) it would stall new work for a minute.
   *
   * <p>This bean is also the one hook that runs before the Spring starter builds the client. The
   * client's Apache HttpClient sizes its pool from {@code http.maxConnections}, 5 by default: one
   * connection sits in the long poll, so completions from a pool of LLM calls queue for the other
   * four. Size it to the worker pool plus the fetch and lock-keeper connections.
   */
  @Bean
  BackoffStrategy fetchBackoff(@Value("${countersign.workers.max-idle-backoff:2000}") long maxIdleMillis,
      WorkerProperties workers) {
    if (System.getProperty(MAX_CONNECTIONS) == null) {
      int connections = workers.concurrency() + 4;
      System.setProperty(MAX_CONNECTIONS, String.valueOf(connections));
      log.info("External-task client: {} connections to the engine's REST API", connections);
    }
    return new ExponentialBackoffStrategy(50L, 2f, maxIdleMillis);
  }

  /**
   * Subscriptions open one at a time as the context refreshes. A client that fetched from the first
   * one on (the default) sent a long poll for that topic alone and held it for the whole
   * async-response-timeout, so after every start, a restart after a crash included, the work
   * already waiting on the other topics sat for 20 s. With auto-fetching off, fetching starts once
   * every subscription is open.
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> startFetchingWhenReady(ObjectProvider<ExternalTaskClient> client,
      ObjectProvider<SpringTopicSubscription> subscriptions, @Value("${camunda.bpm.client.base-url}") String engine) {
    return ready -> client.ifAvailable(started -> {
      started.start();
      log.info("Workers fetching from {} for topics {}", engine,
          subscriptions.orderedStream().map(SpringTopicSubscription::getTopicName).sorted().toList());
    });
  }

  /**
   * Tomcat's graceful shutdown waits for every open request, and the workers' own long poll is one:
   * a stop took about 20 s, longer than Docker's 10 s before it kills. So, before the web server
   * stops, the client stops fetching and the engine answers the pending long polls at once.
   */
  @Bean
  ApplicationListener<ContextClosedEvent> stopFetchingOnClose(ObjectProvider<ExternalTaskClient> client,
      ObjectProvider<LoggingSystem> logging) {
    return closed -> client.ifAvailable(running -> {
      log.info("Stopping the workers' fetching and answering their pending long polls");
      // Both sides log the rejected long poll with a stack trace, as if it were a fault.
      logging.ifAvailable(system -> {
        system.setLogLevel("org.camunda.bpm.client", LogLevel.OFF);
        system.setLogLevel("org.camunda.bpm.engine.rest.exception", LogLevel.OFF);
      });
      stopFetching(running);
    });
  }

  /**
   * stop() marks the client stopped, then waits for its fetch in progress, which only the engine
   * can end early. That fetch is answered only once the client is marked: answered sooner, the
   * client would send another one, and the web server would wait for that instead.
   */
  private static void stopFetching(ExternalTaskClient client) {
    Thread stopping = new Thread(client::stop, "external-task-client-stop");
    stopping.start();
    try {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (client.isActive() && System.nanoTime() < giveUp) {
        Thread.sleep(1);
      }
      FetchAndLockHandler longPolls = FetchAndLockContextListener.getFetchAndLockHandler();
      if (longPolls != null) {
        longPolls.shutdown();
      }
      stopping.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
