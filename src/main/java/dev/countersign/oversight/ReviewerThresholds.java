package dev.countersign.oversight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a reviewer looks like a rubber stamp, or an annotator gets gold items wrong. Nobody is flagged
 * for their decisions on fewer than {@code minDecisions}.
 *
 * @param windowDays decisions of the last this many days count
 * @param maxAcceptWithoutEditRate share of decisions that approved the draft unchanged
 * @param fastSeconds a decision faster than this, from claim to decision, counts as fast
 * @param maxFastShare share of fast decisions
 * @param minMedianSeconds median time on task below this is flagged
 * @param minGoldItems nobody is flagged for gold accuracy on fewer gold items than this
 * @param minGoldAccuracy share of gold items (labeling projects) labeled with the known answer, below which
 *     an annotator is flagged
 * @param refreshIntervalMs how often flags are recomputed (also on every read of the signals)
 */
@ConfigurationProperties("countersign.oversight.reviewers")
record ReviewerThresholds(
    @DefaultValue("30") int windowDays,
    @DefaultValue("20") int minDecisions,
    @DefaultValue("0.95") double maxAcceptWithoutEditRate,
    @DefaultValue("5") double fastSeconds,
    @DefaultValue("0.2") double maxFastShare,
    @DefaultValue("10") double minMedianSeconds,
    @DefaultValue("10") int minGoldItems,
    @DefaultValue("0.8") double minGoldAccuracy,
    @DefaultValue("600000") long refreshIntervalMs) {}
