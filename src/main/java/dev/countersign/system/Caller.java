package dev.countersign.system;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is calling our API, as the Basic-auth filter told the engine. Groups are checked here, not
 * in each controller, so a rule reads the same everywhere.
 */
public record Caller(String userId, List<String> groups) {

  public static Caller current(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authenticate with HTTP Basic");
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : List.copyOf(authentication.getGroupIds());
    return new Caller(authentication.getUserId(), groups);
  }

  /**
   * Runs engine reads for our own API without the engine's authorization checks, which apply only
   * while a user is logged in: the API has already decided what this caller may see.
   */
  public static <T> T asSystem(IdentityService identity, Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  public boolean inAny(String... wanted) {
    for (String group : wanted) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** 403 unless the caller is in one of {@code wanted}. */
  public Caller require(String... wanted) {
    if (!inAny(wanted)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Only members of " + String.join(" or ", wanted) + " may do this");
    }
    return this;
  }
}
