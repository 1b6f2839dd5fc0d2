package dev.countersign.dashboard;

import dev.countersign.system.WorkerPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The LLM stage as this node's workers saw it since the node started: calls per topic and outcome
 * with p50 and p95 latency, read from the workers' timer histogram the way Prometheus'
 * {@code histogram_quantile} reads it (linear within a bucket). A node whose workers run in
 * separate processes has none; Prometheus sums every process.
 */
@Component
class WorkerLatency {

  private final MeterRegistry meters;

  WorkerLatency(MeterRegistry meters) {
    this.meters = meters;
  }

  List<DashboardFigures.WorkerStage> stages() {
    return meters.find(WorkerPool.TASK_TIMER).timers().stream()
        .map(timer -> {
          HistogramSnapshot snapshot = timer.takeSnapshot();
          return new DashboardFigures.WorkerStage(timer.getId().getTag("topic"), timer.getId().getTag("outcome"),
              snapshot.count(), quantile(snapshot, 0.5), quantile(snapshot, 0.95));
        })
        .sorted(Comparator.comparing(DashboardFigures.WorkerStage::topic)
            .thenComparing(DashboardFigures.WorkerStage::outcome))
        .toList();
  }

  /** The {@code q} quantile in milliseconds, or 0 without calls. */
  static double quantile(HistogramSnapshot snapshot, double q) {
    long total = snapshot.count();
    if (total == 0) {
      return 0;
    }
    double rank = q * total;
    double lowerBound = 0;
    double countBelow = 0;
    for (CountAtBucket bucket : snapshot.histogramCounts()) {
      double upperBound = bucket.bucket(TimeUnit.MILLISECONDS);
      if (bucket.count() >= rank) {
        double inBucket = bucket.count() - countBelow;
        return inBucket == 0 ? upperBound : lowerBound + (upperBound - lowerBound) * (rank - countBelow) / inBucket;
      }
      lowerBound = upperBound;
      countBelow = bucket.count();
    }
    // Beyond the last bucket: the slowest call seen is the best bound there is.
    return snapshot.max(TimeUnit.MILLISECONDS);
  }
}
