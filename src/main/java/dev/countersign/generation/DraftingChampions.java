package dev.countersign.generation;

import java.util.Optional;

/** What drafts a use case. Owned here, where drafting asks; answered by promotion, which decides. */
public interface DraftingChampions {

  /** The prompt version in use: the promoted one, or the configured default. */
  String promptVersion(String useCase);

  /** The promoted model; empty: the configured model with live few-shot memory. */
  Optional<DraftModel> model(String useCase);
}
