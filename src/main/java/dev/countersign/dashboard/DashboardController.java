package dev.countersign.dashboard;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's two pages and its figures. The pages are shells that draw what our API returns;
 * each keeps to its own scripts, so text from a model or a requester can never run there.
 */
@RestController
class DashboardController {

  /** Scripts from our jar only; inline styles for the diagram viewer's own markup. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private final Dashboard dashboard;
  private final IdentityService identity;

  DashboardController(Dashboard dashboard, IdentityService identity) {
    this.dashboard = dashboard;
    this.identity = identity;
  }

  @Operation(summary = "Everything the operations dashboard draws (operations, compliance, administrators)",
      description = "Review queue by group and age, decisions per hour per use case, time to decision per risk "
          + "tier, escalations and compliance decisions, incidents with Cockpit links, the LLM stage on this node, "
          + "tokens and estimated cost per use case and model, automation, and learning. Rates, percentiles and "
          + "tokens cover countersign.dashboard.window (24 hours by default).")
  @GetMapping("/api/dashboard/figures")
  DashboardFigures figures() {
    Caller.current(identity).require(Roles.DASHBOARD);
    return Caller.asSystem(identity, () -> dashboard.figures(Instant.now()));
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  ResponseEntity<Resource> dashboardPage() {
    Caller.current(identity).require(Roles.DASHBOARD);
    return page("dashboard/index.html");
  }

  /** Anyone logged in gets the page; what it shows comes from /api/reviews/{id}/story, which decides who reads. */
  @GetMapping("/dashboard/reviews/{id}")
  ResponseEntity<Resource> storyPage(@PathVariable String id) {
    Caller.current(identity);
    return page("dashboard/story.html");
  }

  private static ResponseEntity<Resource> page(String path) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(new ClassPathResource(path));
  }
}
