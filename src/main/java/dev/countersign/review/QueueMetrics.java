package dev.countersign.review;

import dev.countersign.system.Roles;
import dev.countersign.system.WorkerProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The review queue for Prometheus, per candidate group: open and overdue tasks, counted every 30
 * seconds rather than at each scrape.
 */
@Component
// Engine nodes report; a worker process has no task queue.
@Profile("!" + WorkerProfile.NAME)
class QueueMetrics {

  private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

  static final String OPEN = "countersign.review.tasks.open";
  static final String OVERDUE = "countersign.review.tasks.overdue";

  private final ReviewQueue queue;
  private final Map<String, AtomicLong> open = new LinkedHashMap<>();
  private final Map<String, AtomicLong> overdue = new LinkedHashMap<>();

  QueueMetrics(ReviewQueue queue, MeterRegistry meters) {
    this.queue = queue;
    for (String group : Roles.TASKLIST) {
      open.put(group, meters.gauge(OPEN, Tags.of("group", group), new AtomicLong()));
      overdue.put(group, meters.gauge(OVERDUE, Tags.of("group", group), new AtomicLong()));
    }
  }

  @Scheduled(initialDelayString = "${countersign.review.queue-metrics-interval-ms:30000}",
      fixedDelayString = "${countersign.review.queue-metrics-interval-ms:30000}")
  void refresh() {
    try {
      Map<String, ReviewQueue.Counts> counts = queue.counts(Instant.now());
      open.forEach((group, gauge) -> gauge.set(counts.get(group).open()));
      overdue.forEach((group, gauge) -> gauge.set(counts.get(group).overdue()));
    } catch (DataAccessException e) {
      log.warn("Could not refresh the review queue's metrics; they keep their last values: {}", e.getMessage());
    }
  }
}
