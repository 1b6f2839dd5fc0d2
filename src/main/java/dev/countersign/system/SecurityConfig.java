package dev.countersign.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's identity service for our API, the engine's REST API (which the
 * starter otherwise leaves open) and Actuator beyond health. The webapps keep their own session
 * login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("countersign-basic-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    // Actuator: health stays open for load balancers; what it exposes besides needs a login.
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/v3/api-docs", "/v3/api-docs/*", "/actuator/metrics",
        "/actuator/metrics/*", "/actuator/prometheus", "/actuator/info");
    registration.setOrder(10);
    return registration;
  }
}
