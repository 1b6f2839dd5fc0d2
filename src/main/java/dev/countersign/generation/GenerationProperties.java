package dev.countersign.generation;

import dev.countersign.memory.AdoptionRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param promptVersion the draft prompt in use, for example {@code draft-v1}
 * @param offlineMinSimilarity how well an earlier approved answer must fit a request (0..1, see
 *     {@link dev.countersign.memory.CorrectionMemory.Approved#fit}) for the offline drafter to reuse
 *     it, when it was approved for one request only; and the most any answer needs
 * @param offlineMinMargin how much better that answer must fit than the next different one; closer
 *     than this, the offline drafter drafts from its template and the offline judge names both
 * @param offlineUsualSlack how far below its usual fit (how well it fitted the requests it was
 *     approved for) an answer approved for several requests still fits well enough
 * @param offlineMinFit the least fit that is ever enough
 * @param memoryExamples how many approved answers, and how many rejected drafts, to put in the
 *     prompt as examples (0: none); only prompts with an {@code examples} part use them
 * @param memoryMinSimilarity how similar an earlier request must be for its memories to be used
 */
@ConfigurationProperties("countersign.generation")
public record GenerationProperties(
    @DefaultValue("draft-v2") String promptVersion,
    @DefaultValue("0.82") double offlineMinSimilarity,
    @DefaultValue("0.03") double offlineMinMargin,
    @DefaultValue("0.08") double offlineUsualSlack,
    @DefaultValue("0.60") double offlineMinFit,
    @DefaultValue("3") int memoryExamples,
    @DefaultValue("0.6") double memoryMinSimilarity) {

  /** When the offline drafter adopts an earlier answer. */
  public AdoptionRule adoption() {
    return new AdoptionRule(offlineMinSimilarity, offlineMinMargin, offlineUsualSlack, offlineMinFit);
  }
}
