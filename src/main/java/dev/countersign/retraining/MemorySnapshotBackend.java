package dev.countersign.retraining;

import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.nio.file.Path;

/**
 * The offline backend: nothing to train and nothing to download. The candidate is the few-shot
 * memory as it stood when the dataset was built (the training split decided before its
 * {@code feedbackUntil}); promoted, it pins what drafting recalls to what a model owner approved.
 * A refreshed snapshot comes with the next retraining.
 */
class MemorySnapshotBackend implements FineTuneBackend {

  @Override
  public String name() {
    return ModelCandidates.MEMORY_SNAPSHOT;
  }

  @Override
  public String baseModel() {
    return null;
  }

  @Override
  public Job start(ModelCandidate candidate, Path dataset) {
    return poll(candidate);
  }

  @Override
  public Job poll(ModelCandidate candidate) {
    return new Job("snapshot-" + candidate.id(), State.SUCCEEDED, null, null);
  }
}
