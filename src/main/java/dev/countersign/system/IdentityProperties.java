package dev.countersign.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts Countersign seeds at start-up.
 *
 * @param demoUsers seed the demo users of the README (password = user name); never in production
 * @param workerUser the account the external-task workers use against /engine-rest
 * @param workerPassword its password; set WORKER_PASSWORD outside a laptop
 * @param refuseDemoUsers refuse to start while any demo user can log in with its well-known password
 */
@ConfigurationProperties("countersign.identity")
record IdentityProperties(
    @DefaultValue("true") boolean demoUsers,
    @DefaultValue("countersign-worker") String workerUser,
    @DefaultValue("countersign-worker") String workerPassword,
    @DefaultValue("false") boolean refuseDemoUsers) {}
