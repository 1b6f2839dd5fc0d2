package dev.countersign.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the in-app external-task workers run LLM calls.
 *
 * @param concurrency LLM calls in flight at once per worker process
 * @param lockDuration how long a fetched task stays locked; extended while a call runs
 * @param retries attempts Camunda makes for a transient failure before it raises an incident
 * @param retryBackoff wait before the first retry; each further retry waits three times longer
 * @param maxRetryBackoff upper bound of that wait
 */
@ConfigurationProperties("countersign.workers")
public record WorkerProperties(
    @DefaultValue("8") int concurrency,
    @DefaultValue("60s") Duration lockDuration,
    @DefaultValue("3") int retries,
    @DefaultValue("5s") Duration retryBackoff,
    @DefaultValue("5m") Duration maxRetryBackoff) {

  public WorkerProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException("countersign.workers.concurrency must be at least 1");
    }
    if (retries < 1) {
      throw new IllegalArgumentException("countersign.workers.retries must be at least 1");
    }
  }

  /** Backoff before retry number {@code attempt} (1-based). */
  long backoffMillis(int attempt) {
    double millis = retryBackoff.toMillis() * Math.pow(3, Math.max(0, attempt - 1));
    return (long) Math.min(millis, maxRetryBackoff.toMillis());
  }
}
