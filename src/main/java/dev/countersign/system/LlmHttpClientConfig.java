package dev.countersign.system;

import java.net.http.HttpClient;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client under Spring AI's RestClient. Apache HttpClient 5, which the Camunda client
 * brings onto the classpath, would be picked by default: it silently re-sends 429 and 503 answers
 * on the worker's thread and pools only five connections per host. The JDK client does neither.
 * HTTP/1.1 because many OpenAI-compatible servers refuse the JDK's cleartext HTTP/2 upgrade.
 */
@Configuration(proxyBeanMethods = false)
class LlmHttpClientConfig {

  @Bean
  ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder() {
    return ClientHttpRequestFactoryBuilder.jdk()
        .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
  }
}
