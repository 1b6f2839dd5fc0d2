package dev.countersign.system;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExternalTaskClientConfig {

  /**
   * The client's default idles up to 60 s after an empty fetch. With long polling on, that wait is
   * rarely reached; without it (tests, some proxies) it would stall new work for a minute.
   */
  @Bean
  BackoffStrategy fetchBackoff(@Value("${countersign.workers.max-idle-backoff:2000}") long maxIdleMillis) {
    return new ExponentialBackoffStrategy(50L, 2f, maxIdleMillis);
  }
}
