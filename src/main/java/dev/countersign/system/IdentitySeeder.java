package dev.countersign.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Creates the role groups and their grants, the workers' account and, on a laptop, the demo users. */
@Component
class IdentitySeeder implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

  private static final Map<String, String> GROUPS = new LinkedHashMap<>();
  static {
    GROUPS.put(Roles.REQUESTERS, "Requesters");
    GROUPS.put(Roles.REVIEWERS, "Reviewers");
    GROUPS.put(Roles.SENIOR_REVIEWERS, "Senior reviewers");
    GROUPS.put(Roles.COMPLIANCE, "Compliance officers");
    GROUPS.put(Roles.MODEL_OWNERS, "Model owners");
    GROUPS.put(Roles.OPERATIONS, "Operations");
    GROUPS.put(Roles.ADMIN, "Administrators");
    GROUPS.put(Roles.WORKERS, "External-task workers");
  }

  private static final Map<String, List<String>> DEMO_USERS = new LinkedHashMap<>();
  static {
    DEMO_USERS.put("demo", List.of(Roles.ADMIN, Roles.REQUESTERS, Roles.REVIEWERS, Roles.SENIOR_REVIEWERS,
        Roles.COMPLIANCE, Roles.MODEL_OWNERS, Roles.OPERATIONS));
    DEMO_USERS.put("requester", List.of(Roles.REQUESTERS));
    DEMO_USERS.put("reviewer", List.of(Roles.REVIEWERS));
    DEMO_USERS.put("reviewer2", List.of(Roles.REVIEWERS));
    DEMO_USERS.put("senior", List.of(Roles.SENIOR_REVIEWERS));
    DEMO_USERS.put("compliance", List.of(Roles.COMPLIANCE));
    DEMO_USERS.put("owner", List.of(Roles.MODEL_OWNERS));
    DEMO_USERS.put("operator", List.of(Roles.OPERATIONS));
  }

  private final IdentityService identity;
  private final IdentityProperties properties;
  private final RoleGrants grants;
  private final ClusterLock cluster;

  IdentitySeeder(IdentityService identity, IdentityProperties properties, RoleGrants grants, ClusterLock cluster) {
    this.identity = identity;
    this.properties = properties;
    this.grants = grants;
    this.cluster = cluster;
  }

  /**
   * Runs as soon as the engine exists, before the workers first authenticate. One node at a time:
   * each step checks, then creates.
   */
  @Override
  public void afterPropertiesSet() {
    cluster.exclusively("seeding groups, users and grants", this::seed);
  }

  private void seed() {
    GROUPS.forEach(this::ensureGroup);
    grants.grantAll(Roles.WORKERS);
    if (properties.refuseDemoUsers() && IdentityProperties.DEFAULT_WORKER_PASSWORD.equals(properties.workerPassword())) {
      throw new IllegalStateException("Refusing to start: the workers' account " + properties.workerUser()
          + " would keep its default password, which anyone can read in the source. Set WORKER_PASSWORD, the same on "
          + "every node and worker process.");
    }
    ensureUser(properties.workerUser(), properties.workerPassword(), "Countersign", "worker", List.of(Roles.WORKERS));
    // The configuration is the workers' password, so a changed WORKER_PASSWORD replaces the stored one. Set,
    // not compared: a failed checkPassword would count as a failed login and delay the workers' next one.
    User worker = identity.createUserQuery().userId(properties.workerUser()).singleResult();
    worker.setPassword(properties.workerPassword());
    identity.saveUser(worker);
    if (!properties.adminUser().isBlank()) {
      if (properties.adminPassword().isBlank()) {
        throw new IllegalStateException("ADMIN_USER is set but ADMIN_PASSWORD is not: give the administrator a password");
      }
      ensureUser(properties.adminUser(), properties.adminPassword(), "Countersign", "administrator",
          List.of(Roles.ADMIN));
    }
    if (properties.refuseDemoUsers()) {
      refuseDemoUsers();
      refuseNoAdministrator();
      return;
    }
    if (properties.demoUsers()) {
      log.warn("""

          ******************************************************************
          * DEMO USERS ARE ENABLED: demo, requester, reviewer, reviewer2,  *
          * senior, compliance, owner and operator, each with password =   *
          * user name.                                                     *
          * Set countersign.identity.demo-users=false outside a laptop.    *
          ******************************************************************""");
      DEMO_USERS.forEach((id, groups) -> ensureUser(id, id, capitalise(id), "(demo)", groups));
    }
  }

  /** In production a demo account with its well-known password is an open door: refuse to start. */
  private void refuseDemoUsers() {
    if (properties.demoUsers()) {
      throw new IllegalStateException("countersign.identity.demo-users is on, but this profile refuses demo users: "
          + "turn DEMO_USERS off");
    }
    List<String> open = DEMO_USERS.keySet().stream()
        .filter(id -> identity.createUserQuery().userId(id).count() > 0 && identity.checkPassword(id, id))
        .toList();
    if (!open.isEmpty()) {
      throw new IllegalStateException("Refusing to start: demo users " + open + " exist with their well-known "
          + "passwords (password = user name). Delete them or change their passwords in Camunda Admin first.");
    }
  }

  /**
   * Without an administrator, Camunda's first-admin setup (/camunda/app/admin/default/setup) lets the
   * first stranger to find it create one.
   */
  private void refuseNoAdministrator() {
    if (identity.createUserQuery().memberOfGroup(Roles.ADMIN).count() == 0) {
      throw new IllegalStateException("Refusing to start: no administrator exists, so Camunda's first-admin setup "
          + "would let anyone who reaches the server create one. Set ADMIN_USER and ADMIN_PASSWORD for this start; "
          + "the administrator is created once and kept.");
    }
  }

  private void ensureGroup(String id, String name) {
    if (identity.createGroupQuery().groupId(id).singleResult() == null) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(id.equals(Roles.ADMIN) ? "SYSTEM" : "WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private void ensureUser(String id, String password, String first, String last, List<String> groups) {
    if (identity.createUserQuery().userId(id).singleResult() != null) {
      return;
    }
    User user = identity.newUser(id);
    user.setPassword(password);
    user.setFirstName(first);
    user.setLastName(last);
    user.setEmail(id + "@countersign.invalid");
    identity.saveUser(user);
    groups.forEach(group -> identity.createMembership(id, group));
  }

  private static String capitalise(String id) {
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }
}
