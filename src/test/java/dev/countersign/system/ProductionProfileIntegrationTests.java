package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.AppOverHttp;
import dev.countersign.TestHttp;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The prod profile over HTTP: no default secret lets anyone in, and Camunda's first-admin setup is
 * closed from the first start, because the administrator comes from configuration. (That prod
 * refuses to start without one, or with the workers' default password, is IdentitySeederTests'.)
 */
@ActiveProfiles("prod")
@TestPropertySource(properties = {"countersign.identity.worker-password=a-worker-secret-for-tests",
    "countersign.identity.admin-user=root", "countersign.identity.admin-password=a-long-admin-secret"})
class ProductionProfileIntegrationTests extends AppOverHttp {

  @Autowired IdentityService identity;

  @Test
  void aStrangerCannotCreateTheFirstAdministrator() {
    TestHttp.WebappSession stranger = http.webapp(null);
    TestHttp.Response setup = stranger.post("/camunda/api/admin/setup/default/user/create", TestHttp.json(Map.of(
        "profile", Map.of("id", "mallory", "firstName", "M", "lastName", "M", "email", "m@example.com"),
        "credentials", Map.of("password", "mallory-takes-over"))));
    assertThat(setup.status()).as(setup.body()).isEqualTo(403);
    assertThat(identity.createUserQuery().userId("mallory").count()).isZero();
    assertThat(http.get("/engine-rest/group?member=root&maxResults=10", "root:a-long-admin-secret").body()).contains("camunda-admin");
  }

  @Test
  void noDefaultPasswordLetsAnyoneIn() {
    // The right password first: after a wrong one, Camunda delays the account's next login by seconds.
    assertThat(http.get("/engine-rest/task?maxResults=10", "countersign-worker:a-worker-secret-for-tests").status())
        .isEqualTo(200);
    assertThat(http.get("/engine-rest/task?maxResults=10", "countersign-worker:countersign-worker").status())
        .isEqualTo(401);
    assertThat(http.get("/engine-rest/task?maxResults=10", "demo").status()).as("no demo users in production")
        .isEqualTo(401);
  }
}
