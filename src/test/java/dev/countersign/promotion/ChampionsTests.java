package dev.countersign.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.generation.GenerationProperties;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Prompt and model champions follow one rule: promote keeps the one before, rollback swaps back. */
@StoreTest
class ChampionsTests {

  @Autowired PromptChampions prompts;
  @Autowired ModelChampions models;
  @Autowired ModelCandidates candidates;
  @Autowired GenerationProperties generation;

  @Test
  void aPromptChampionReplacesTheConfiguredVersionAndARollbackSwapsBack() {
    String useCase = "champions-" + UUID.randomUUID();
    assertThat(prompts.rollback(useCase, "owner")).as("nothing promoted, nothing to roll back").isEmpty();
    assertThat(prompts.current(useCase)).isEqualTo(generation.promptVersion());

    prompts.promote(useCase, "draft-v7", "owner");
    prompts.promote(useCase, "draft-v8", "owner2");
    assertThat(prompts.find(useCase)).get().satisfies(champion -> {
      assertThat(champion.promptVersion()).isEqualTo("draft-v8");
      assertThat(champion.previousVersion()).isEqualTo("draft-v7");
      assertThat(champion.changedBy()).isEqualTo("owner2");
    });

    assertThat(prompts.rollback(useCase, "owner")).get().extracting(PromptChampions.Champion::promptVersion)
        .isEqualTo("draft-v8");
    assertThat(prompts.find(useCase)).get().satisfies(champion -> {
      assertThat(champion.promptVersion()).isEqualTo("draft-v7");
      assertThat(champion.previousVersion()).as("a rollback can itself be undone").isEqualTo("draft-v8");
    });
  }

  @Test
  void aModelChampionReplacesTheConfiguredModelAndRollsBackToItWhenThereWasNoneBefore() {
    String useCase = "champions-" + UUID.randomUUID();
    assertThat(models.rollback(useCase, "owner")).isEmpty();
    ModelCandidate first = candidate(useCase);
    ModelCandidate second = candidate(useCase);

    models.promote(first, "owner");
    models.promote(second, "owner");
    assertThat(models.find(useCase)).get().satisfies(champion -> {
      assertThat(champion.current().id()).isEqualTo(second.id());
      assertThat(champion.previous().id()).isEqualTo(first.id());
    });

    models.rollback(useCase, "owner");
    assertThat(models.current(useCase)).map(ModelCandidate::id).contains(first.id());
    assertThat(models.find(useCase)).get().extracting(ModelChampions.Champion::previous)
        .extracting(ModelCandidate::id).isEqualTo(second.id());

    String fresh = "champions-" + UUID.randomUUID();
    models.promote(candidate(fresh), "owner");
    assertThat(models.find(fresh)).get().extracting(ModelChampions.Champion::previous).isNull();
    assertThat(models.rollback(fresh, "owner")).isPresent();
    assertThat(models.current(fresh)).as("back to the configured model").isEmpty();
  }

  private ModelCandidate candidate(String useCase) {
    return candidates.create(useCase, ModelCandidates.MEMORY_SNAPSHOT, "offline", null, Instant.now(), 5, null, null,
        "owner");
  }
}
