package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Probes every endpoint we serve without credentials: our API (as its OpenAPI description lists
 * it), the engine's REST API, the webapps' own APIs and Actuator. Only health, the login pages and
 * static assets may answer.
 */
class EndpointSecurityIntegrationTests extends AppOverHttp {


  @DynamicPropertySource
  static void behindHttps(DynamicPropertyRegistry registry) {
    // As behind HTTPS in production (the prod profile sets the same).
    registry.add("COOKIES_SECURE", () -> "true");
    registry.add("HSTS_DISABLED", () -> "false");
  }

  private static final List<String> ENGINE_REST = List.of("task", "task/count", "process-instance", "process-definition",
      "deployment", "decision-definition", "execution", "incident", "job", "external-task", "variable-instance",
      "user", "group", "authorization", "filter", "history/task", "history/process-instance",
      "history/variable-instance", "history/activity-instance", "history/decision-instance", "metrics/activity-instance/sum",
      "engine/default/task", "version", "telemetry/data");
  private static final List<String> WEBAPP_API = List.of("/camunda/api/engine/engine/default/task",
      "/camunda/api/engine/engine/default/process-instance", "/camunda/api/engine/engine/default/user",
      "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
      "/camunda/api/admin/plugin/adminPlugins/default/users");
  private static final List<String> ACTUATOR = List.of("/actuator/metrics", "/actuator/metrics/countersign.worker.task",
      "/actuator/prometheus", "/actuator/info");

  @Test
  void nothingAnswersWithoutALoginButHealthAndTheLoginPages() {
    Map<String, String> probes = new LinkedHashMap<>();
    JsonNode docs = http.get("/v3/api-docs", "demo").json();
    Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields();
    paths.forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
        probes.put(method.toUpperCase() + " " + path.getKey().replaceAll("\\{[^}]+}", "x"), null)));
    probes.put("GET /v3/api-docs", null);
    ENGINE_REST.forEach(p -> probes.put("GET /engine-rest/" + p, null));
    probes.put("POST /engine-rest/deployment/create", null);
    probes.put("POST /engine-rest/external-task/fetchAndLock", null);
    probes.put("POST /engine-rest/process-definition/key/llm-output-review/start", null);
    WEBAPP_API.forEach(p -> probes.put("GET " + p, null));
    ACTUATOR.forEach(p -> probes.put("GET " + p, null));

    List<String> open = new ArrayList<>();
    probes.keySet().forEach(probe -> {
      String method = probe.substring(0, probe.indexOf(' '));
      String path = probe.substring(probe.indexOf(' ') + 1);
      int status = switch (method) {
        case "GET" -> http.get(path, null).status();
        case "PUT" -> http.put(path, null, "{}").status();
        default -> http.post(path, null, "{}").status();
      };
      if (status != 401 && status != 403) {
        open.add(probe + " -> " + status);
      }
    });

    System.out.printf("Endpoint probe: %d answered without a login, of %d probed%n", open.size(), probes.size());
    assertThat(probes.size()).as("the OpenAPI description lists our API").isGreaterThan(40);
    assertThat(open).isEmpty();
    // What may answer: health for load balancers, and the Tasklist's login page with its assets.
    assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(http.get("/camunda/app/tasklist/default/", null).status()).isEqualTo(200);
  }

  @Test
  void behindHttpsTheWebappsCookiesAreSecureAndHttpOnlyAndHstsIsSent() {
    TestHttp.Response page = http.get("/camunda/app/tasklist/default/", null);
    assertThat(page.raw().headers().firstValue("Strict-Transport-Security")).get().asString().contains("max-age=31536000");
    List<String> csrf = page.raw().headers().allValues("Set-Cookie");
    // Not HttpOnly on purpose: the webapps' AngularJS reads it to send the X-XSRF-TOKEN header.
    assertThat(csrf).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("Secure", "SameSite"));

    TestHttp.Response login = http.form("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=reviewer&password=reviewer", csrf);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.raw().headers().allValues("Set-Cookie")).anySatisfy(cookie ->
        assertThat(cookie).startsWith("JSESSIONID=").contains("Secure", "HttpOnly", "SameSite"));
  }

  @Test
  void anUnboundedOrHugeQueryIsRefused() {
    TestHttp.Response huge = http.get("/engine-rest/task?firstResult=0&maxResults=1000000", "demo");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.body()).contains("Max results limit of 2000 exceeded");
    TestHttp.Response unbounded = http.get("/engine-rest/history/process-instance", "demo");
    assertThat(unbounded.status()).isEqualTo(400);
    assertThat(http.get("/engine-rest/task?firstResult=0&maxResults=2000", "demo").status()).isEqualTo(200);
  }
}
