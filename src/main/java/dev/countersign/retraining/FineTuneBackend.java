package dev.countersign.retraining;

import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.nio.file.Path;

/** Trains a model candidate from a dataset. Chosen by {@code countersign.retraining.backend}. */
interface FineTuneBackend {

  enum State { RUNNING, SUCCEEDED, FAILED }

  /**
   * @param model the trained model's id once it succeeded (none for a memory snapshot)
   * @param error why it failed, as the provider said
   */
  record Job(String id, State state, String model, String error) {}

  /** The backend's name, as stored with each candidate. */
  String name();

  /** The model that is fine-tuned, or null where there is none. */
  String baseModel();

  Job start(ModelCandidate candidate, Path dataset);

  Job poll(ModelCandidate candidate);
}
