package dev.countersign.screening;

import dev.countersign.memory.CorrectionMemory;
import dev.countersign.memory.Vectors;
import java.util.Optional;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * The offline stand-in for an LLM judge: confidence that a draft is routine, as the similarity of
 * the request to the nearest approved one times the similarity of the draft to that approved
 * answer. A request unlike anything approved scores near zero and goes to a person.
 */
class SimilarityJudge implements DraftJudge {

  static final String NAME = "similarity-confidence (offline, not an LLM)";

  private final CorrectionMemory memory;
  private final EmbeddingModel embeddings;

  SimilarityJudge(CorrectionMemory memory, EmbeddingModel embeddings) {
    this.memory = memory;
    this.embeddings = embeddings;
  }

  @Override
  public JudgeScore judge(String useCase, String input, String draft) {
    Optional<CorrectionMemory.Approved> nearest = memory.nearestApproved(useCase, input);
    if (nearest.isEmpty()) {
      return new JudgeScore(0.0, "No approved answer in this use case yet", NAME);
    }
    CorrectionMemory.Approved best = nearest.get();
    double draftSimilarity = Vectors.cosine(embeddings.embed(draft), embeddings.embed(best.answer()));
    double score = Math.max(0, best.similarity()) * Math.max(0, draftSimilarity);
    return new JudgeScore(score, String.format(
        "Nearest approved request is %.2f similar; the draft is %.2f similar to its approved answer",
        best.similarity(), draftSimilarity), NAME);
  }
}
