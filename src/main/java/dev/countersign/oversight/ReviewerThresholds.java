package dev.countersign.oversight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a reviewer looks like a rubber stamp. Nobody is flagged on fewer than {@code minDecisions}.
 *
 * @param windowDays decisions of the last this many days count
 * @param maxAcceptWithoutEditRate share of decisions that approved the draft unchanged
 * @param fastSeconds a decision faster than this, from claim to decision, counts as fast
 * @param maxFastShare share of fast decisions
 * @param minMedianSeconds median time on task below this is flagged
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
    @DefaultValue("600000") long refreshIntervalMs) {}
