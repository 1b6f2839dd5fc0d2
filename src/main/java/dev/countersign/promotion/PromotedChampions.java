package dev.countersign.promotion;

import dev.countersign.generation.DraftModel;
import dev.countersign.generation.DraftingChampions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells drafting what promotion decided. */
@Component
class PromotedChampions implements DraftingChampions {

  private final PromptChampions prompts;
  private final ModelChampions models;

  PromotedChampions(PromptChampions prompts, ModelChampions models) {
    this.prompts = prompts;
    this.models = models;
  }

  @Override
  public String promptVersion(String useCase) {
    return prompts.current(useCase);
  }

  @Override
  public Optional<DraftModel> model(String useCase) {
    return models.current(useCase).map(ModelCandidates.ModelCandidate::drafting);
  }
}
