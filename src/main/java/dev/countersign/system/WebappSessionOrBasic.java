package dev.countersign.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * HTTP Basic, or else the login a person already made in the Camunda webapps, so the dashboard's
 * pages can read our API in the browser without a second login. The session is honoured for
 * reads only: a cookie is sent by the browser on any site's behalf, so changing something still
 * takes credentials a cross-site form cannot send.
 */
public class WebappSessionOrBasic extends HttpBasicAuthenticationProvider {

  private static final Set<String> READS = Set.of("GET", "HEAD");

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader("Authorization") != null || !READS.contains(request.getMethod())) {
      return super.extractAuthenticatedUser(request, engine);
    }
    String user = webappUser(request, engine.getName());
    return user == null ? AuthenticationResult.unsuccessful() : AuthenticationResult.successful(user);
  }

  /** Who is logged in to the webapps in this request's session, or null. */
  static String webappUser(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engineName);
    return authentication == null ? null : authentication.getIdentityId();
  }
}
