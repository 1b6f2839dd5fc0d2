package dev.countersign.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts Countersign seeds at start-up.
 *
 * @param demoUsers seed the demo users of the README (password = user name); never in production
 * @param workerUser the account the external-task workers use against /engine-rest
 * @param workerPassword its password; set WORKER_PASSWORD outside a laptop
 * @param refuseDemoUsers production's rules (the prod profile): refuse to start while a demo user can log in
 *     with its well-known password, while the workers' account has its default password, or while no
 *     administrator exists (Camunda's first-admin setup page would be open to anyone)
 * @param adminUser an administrator to create on start-up when it does not exist yet; none when blank
 * @param adminPassword its password, required with {@code adminUser}
 */
@ConfigurationProperties("countersign.identity")
record IdentityProperties(
    @DefaultValue("true") boolean demoUsers,
    @DefaultValue("countersign-worker") String workerUser,
    @DefaultValue(IdentityProperties.DEFAULT_WORKER_PASSWORD) String workerPassword,
    @DefaultValue("false") boolean refuseDemoUsers,
    @DefaultValue("") String adminUser,
    @DefaultValue("") String adminPassword) {

  /** The workers' password when none is configured: fine on a laptop, refused in production. */
  static final String DEFAULT_WORKER_PASSWORD = "countersign-worker";
}
