package dev.countersign.generation;

import dev.countersign.memory.AdoptionRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param promptVersion the draft prompt in use, for example {@code draft-v1}
 * @param offlineMinSimilarity how similar an earlier approved request must be (cosine, 0..1) for
 *     the offline drafter to reuse its answer
 * @param offlineMinMargin how much nearer that answer must be than the next different one; closer
 *     than this, the offline drafter drafts from its template and the offline judge names both
 * @param memoryExamples how many approved answers, and how many rejected drafts, to put in the
 *     prompt as examples (0: none); only prompts with an {@code examples} part use them
 * @param memoryMinSimilarity how similar an earlier request must be for its memories to be used
 */
@ConfigurationProperties("countersign.generation")
public record GenerationProperties(
    @DefaultValue("draft-v2") String promptVersion,
    @DefaultValue("0.80") double offlineMinSimilarity,
    @DefaultValue("0.05") double offlineMinMargin,
    @DefaultValue("3") int memoryExamples,
    @DefaultValue("0.6") double memoryMinSimilarity) {

  /** When the offline drafter adopts an earlier answer. */
  public AdoptionRule adoption() {
    return new AdoptionRule(offlineMinSimilarity, offlineMinMargin);
  }
}
