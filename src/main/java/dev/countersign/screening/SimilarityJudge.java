package dev.countersign.screening;

import dev.countersign.memory.AdoptionRule;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.memory.Vectors;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * The offline stand-in for an LLM judge: confidence that a draft is routine, as the similarity of
 * the request to the nearest approved one times the similarity of the draft to that approved
 * answer. A request unlike anything approved scores near zero and goes to a person. When earlier
 * answers are too close to tell apart, it names them for the reviewer and never scores high enough
 * for an auto-approval.
 */
class SimilarityJudge implements DraftJudge {

  static final String NAME = "similarity-confidence (offline, not an LLM)";
  /** Below any auto-approval threshold: a person chooses between near-equal answers. */
  static final double TOO_CLOSE_CAP = 0.5;
  private static final int SHOWN_CHARS = 80;

  private final CorrectionMemory memory;
  private final EmbeddingModel embeddings;
  private final AdoptionRule adoption;

  SimilarityJudge(CorrectionMemory memory, EmbeddingModel embeddings, AdoptionRule adoption) {
    this.memory = memory;
    this.embeddings = embeddings;
    this.adoption = adoption;
  }

  @Override
  public JudgeScore judge(String useCase, String input, String draft) {
    List<CorrectionMemory.Approved> nearest = memory.nearestAnswers(useCase, input, 3);
    if (nearest.isEmpty()) {
      return new JudgeScore(0.0, "No approved answer in this use case yet", NAME);
    }
    CorrectionMemory.Approved best = nearest.get(0);
    double draftSimilarity = Vectors.cosine(embeddings.embed(draft), embeddings.embed(best.answer()));
    double score = Math.max(0, best.similarity()) * Math.max(0, draftSimilarity);
    AdoptionRule.Verdict verdict = adoption.decide(nearest.stream()
        .map(a -> new AdoptionRule.Candidate(a.answer(), a.fit(), a.usualFit())).toList());
    if (!verdict.tooClose().isEmpty()) {
      return new JudgeScore(Math.min(score, TOO_CLOSE_CAP), "Earlier approved answers are too close to tell apart; "
          + "check which one applies: " + verdict.tooClose().stream()
              .map(c -> String.format("\"%s\" (%.2f)", shortened(c.answer()), c.similarity()))
              .collect(Collectors.joining(", ")), NAME);
    }
    return new JudgeScore(score, String.format(
        "Nearest approved request is %.2f similar; the draft is %.2f similar to its approved answer",
        best.similarity(), draftSimilarity), NAME);
  }

  private static String shortened(String answer) {
    String line = answer.strip().replaceAll("\\s+", " ");
    return line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS - 1) + "…";
  }
}
