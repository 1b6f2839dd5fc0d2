package dev.countersign.generation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param promptVersion the draft prompt in use, for example {@code draft-v1}
 * @param offlineMinSimilarity how similar an earlier approved request must be (cosine, 0..1) for
 *     the offline drafter to reuse its answer
 * @param memoryExamples how many approved answers, and how many rejected drafts, to put in the
 *     prompt as examples (0: none); only prompts with an {@code examples} part use them
 * @param memoryMinSimilarity how similar an earlier request must be for its memories to be used
 */
@ConfigurationProperties("countersign.generation")
public record GenerationProperties(
    @DefaultValue("draft-v2") String promptVersion,
    @DefaultValue("0.8") double offlineMinSimilarity,
    @DefaultValue("3") int memoryExamples,
    @DefaultValue("0.5") double memoryMinSimilarity) {}
