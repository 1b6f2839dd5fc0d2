package dev.countersign.request;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on incoming review requests.
 *
 * @param maxInputChars longest input accepted
 * @param riskTiers tiers the routing table knows
 */
@ConfigurationProperties("countersign.requests")
record RequestProperties(
    @DefaultValue("20000") int maxInputChars,
    @DefaultValue({"low", "medium", "high"}) List<String> riskTiers) {}
