package dev.countersign.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks what exists only while this process works on external tasks: the workers, their pool and
 * the start of fetching. Off with {@code countersign.workers.enabled=false} ({@code WORKERS_ENABLED}),
 * and always in the export command.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "countersign.workers.enabled", havingValue = "true", matchIfMissing = true)
public @interface InAppWorkers {}
