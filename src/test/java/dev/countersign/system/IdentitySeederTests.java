package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seeder against a real, in-memory engine: what a laptop gets, and what production refuses. */
class IdentitySeederTests {

  private static ProcessEngine engine;
  private static IdentityService identity;
  private static RoleGrants grants;
  private static ClusterLock cluster;

  @BeforeAll
  static void engine() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
    // As application.yaml sets it: our ids contain dashes.
    configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9._-]*");
    engine = configuration
        .setJdbcUrl("jdbc:h2:mem:identity-seeder;DB_CLOSE_DELAY=-1")
        .setProcessEngineName("identity-seeder-tests")
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    identity = engine.getIdentityService();
    cluster = new ClusterLock(configuration.getDataSource());
    grants = new RoleGrants(engine.getAuthorizationService(),
        List.of(new StartableProcess("a-process", List.of(Roles.REQUESTERS))));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void laptopGetsDemoUsersAndProductionRefusesToStartWhileTheyCanLogIn() {
    new IdentitySeeder(identity, properties(true, false), grants, cluster).afterPropertiesSet();
    assertThat(identity.checkPassword("reviewer", "reviewer")).isTrue();
    assertThat(identity.createGroupQuery().groupMember("demo").count()).isEqualTo(7);
    assertThat(identity.checkPassword("countersign-worker", "worker-secret")).isTrue();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Roles.REQUESTERS)
        .resourceType(Resources.PROCESS_DEFINITION).resourceId("a-process").count())
        .as("each process a feature declares startable is granted to its groups").isEqualTo(1);

    IdentitySeeder production = new IdentitySeeder(identity, properties(false, true), grants, cluster);
    assertThatThrownBy(production::afterPropertiesSet).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start: demo users [demo, requester, reviewer, reviewer2, senior, compliance, owner, operator]");
    assertThatThrownBy(new IdentitySeeder(identity, properties(true, true), grants, cluster)::afterPropertiesSet)
        .hasMessageContaining("turn DEMO_USERS off");

    for (String id : new String[] {"demo", "requester", "reviewer", "reviewer2", "senior", "compliance", "operator"}) {
      identity.deleteUser(id);
    }
    User owner = identity.createUserQuery().userId("owner").singleResult();
    owner.setPassword("a real password now");
    identity.saveUser(owner);
    assertThatThrownBy(production::afterPropertiesSet).as("demo, the only administrator, is gone")
        .hasMessageContaining("Refusing to start: no administrator exists");
    assertThat(identity.createUserQuery().userId("mallory").count()).isZero();

    IdentitySeeder withAdmin = new IdentitySeeder(identity, new IdentityProperties(false, "countersign-worker",
        "worker-secret", true, "root", "a long admin secret"), grants, cluster);
    withAdmin.afterPropertiesSet();
    assertThat(identity.checkPassword("root", "a long admin secret")).isTrue();
    assertThat(identity.createGroupQuery().groupMember("root").singleResult().getId()).isEqualTo(Roles.ADMIN);
    production.afterPropertiesSet();
  }

  @Test
  void productionRefusesTheWorkersDefaultPasswordAndAChangedOneReplacesTheStoredOne() {
    IdentitySeeder defaults = new IdentitySeeder(identity, new IdentityProperties(false, "countersign-worker",
        IdentityProperties.DEFAULT_WORKER_PASSWORD, true, "", ""), grants, cluster);
    assertThatThrownBy(defaults::afterPropertiesSet).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the workers' account countersign-worker would keep its default password")
        .hasMessageContaining("Set WORKER_PASSWORD");

    new IdentitySeeder(identity, new IdentityProperties(true, "countersign-worker", "rotated-secret", false, "", ""),
        grants, cluster).afterPropertiesSet();
    assertThat(identity.checkPassword("countersign-worker", "rotated-secret")).isTrue();
    assertThat(identity.checkPassword("countersign-worker", "worker-secret")).isFalse();
    assertThatThrownBy(new IdentitySeeder(identity, new IdentityProperties(false, "countersign-worker", "x", false,
        "root2", " "), grants, cluster)::afterPropertiesSet).hasMessageContaining("ADMIN_PASSWORD is not");
  }

  private static IdentityProperties properties(boolean demoUsers, boolean refuseDemoUsers) {
    return new IdentityProperties(demoUsers, "countersign-worker", "worker-secret", refuseDemoUsers, "", "");
  }
}
