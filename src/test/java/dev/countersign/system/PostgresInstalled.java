package dev.countersign.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/** Runs a test class or method only where a PostgreSQL server is installed; skipped, and said so, elsewhere. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf(value = "dev.countersign.system.PostgresServer#installed",
    disabledReason = "No PostgreSQL server under /usr/lib/postgresql (Debian: apt-get install postgresql); .ci/run installs it")
public @interface PostgresInstalled {}
