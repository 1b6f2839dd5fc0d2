package dev.countersign.automation;

import dev.countersign.system.WorkerProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code countersign.automation.*} per use case and risk tier, from the evidence, refreshed every
 * five minutes rather than at each scrape (the evidence over 100,000 decisions takes about 2 s): auto-approvals, audits, audits people overruled, and the
 * reviewer minutes the auto-approvals avoided.
 */
@Component
// Engine nodes report; a worker process reads no evidence.
@Profile("!" + WorkerProfile.NAME)
class AutomationMetrics {

  private static final Logger log = LoggerFactory.getLogger(AutomationMetrics.class);

  private final Evidence evidence;
  private final List<Metric> metrics;

  private record Metric(MultiGauge gauge, ToDoubleFunction<Evidence.Pair> value) {}

  AutomationMetrics(Evidence evidence, MeterRegistry meters) {
    this.evidence = evidence;
    this.metrics = List.of(
        metric(meters, "countersign.automation.auto.approved", "Drafts auto-approved in the evidence window",
            Evidence.Pair::autoApproved),
        metric(meters, "countersign.automation.audited", "Drafts routed AUTO that a person decided (audits)",
            Evidence.Pair::audited),
        metric(meters, "countersign.automation.audited.overruled", "Audits a person edited or rejected",
            Evidence.Pair::auditedOverruled),
        metric(meters, "countersign.automation.minutes.avoided",
            "Reviewer minutes the auto-approvals avoided (median minutes per decision × auto-approvals)",
            Evidence.Pair::minutesAvoided));
  }

  private static Metric metric(MeterRegistry meters, String name, String description,
      ToDoubleFunction<Evidence.Pair> value) {
    return new Metric(MultiGauge.builder(name).description(description).register(meters), value);
  }

  @Scheduled(initialDelayString = "${countersign.automation.metrics-interval-ms:300000}",
      fixedDelayString = "${countersign.automation.metrics-interval-ms:300000}")
  void refresh() {
    try {
      List<Evidence.Pair> pairs = evidence.pairs(Instant.now());
      for (Metric metric : metrics) {
        metric.gauge().register(pairs.stream().map(pair -> {
          double value = metric.value().applyAsDouble(pair);
          // A supplier, held by the gauge: a bare number is held weakly and may be collected before a scrape.
          return MultiGauge.Row.of(Tags.of("useCase", pair.useCase(), "riskTier", pair.riskTier()), () -> value);
        }).toList(), true);
      }
    } catch (DataAccessException e) {
      log.warn("Could not refresh the metrics; they keep their last values: {}", e.getMessage());
    }
  }
}
