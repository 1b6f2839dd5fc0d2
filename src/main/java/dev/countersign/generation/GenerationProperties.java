package dev.countersign.generation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param promptVersion the draft prompt in use, for example {@code draft-v1}
 * @param offlineMinSimilarity how similar an earlier approved request must be (cosine, 0..1) for
 *     the offline drafter to reuse its answer
 */
@ConfigurationProperties("countersign.generation")
record GenerationProperties(
    @DefaultValue("draft-v1") String promptVersion,
    @DefaultValue("0.8") double offlineMinSimilarity) {}
