package dev.countersign.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against Camunda's identity service for our API, the engine's REST API (which the
 * starter otherwise leaves open) and Actuator beyond health. The webapps keep their own session
 * login, which our API and the dashboard also accept for reads.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String LOGIN_PAGE = "/camunda/app/welcome/default/#!/login";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("countersign-basic-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    // Actuator: health stays open for load balancers; what it exposes besides needs a login.
    registration.addUrlPatterns("/engine-rest/*", "/v3/api-docs", "/v3/api-docs/*", "/actuator/metrics",
        "/actuator/metrics/*", "/actuator/prometheus", "/actuator/info");
    registration.setOrder(10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicOrWebappSession() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("countersign-api-auth");
    registration.addInitParameter("authentication-provider", WebappSessionOrBasic.class.getName());
    registration.addUrlPatterns("/api/*", "/dashboard/*");
    registration.setOrder(10);
    return registration;
  }

  /**
   * Actuator's metrics are the dashboard's figures: for operations and administrators, and for the
   * workers' account, which Prometheus scrapes with (docker/prometheus). Runs inside the login above.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> metricsForOperations() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication caller = ProcessEngines.getDefaultProcessEngine().getIdentityService().getCurrentAuthentication();
        if (caller == null || caller.getGroupIds() == null
            || caller.getGroupIds().stream().noneMatch(Set.of(Roles.OPERATIONS, Roles.ADMIN, Roles.WORKERS)::contains)) {
          response.sendError(HttpServletResponse.SC_FORBIDDEN,
              "Metrics are for operations: the groups operations or camunda-admin, or the workers' account");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setName("countersign-metrics-for-operations");
    registration.addUrlPatterns("/actuator/metrics", "/actuator/metrics/*", "/actuator/prometheus");
    registration.setOrder(11);
    return registration;
  }

  /** A person opening the dashboard without a login is sent to the webapps' login page. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> dashboardLogin() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (request.getHeader("Authorization") == null
            && WebappSessionOrBasic.webappUser(request, ProcessEngines.NAME_DEFAULT) == null) {
          response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setName("countersign-dashboard-login");
    registration.addUrlPatterns("/dashboard/*");
    registration.setOrder(9);
    return registration;
  }
}
