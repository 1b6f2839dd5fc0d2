package dev.countersign.promotion;

import static dev.countersign.promotion.CandidatePromotion.Variables.*;

import dev.countersign.feedback.FeedbackStore;
import dev.countersign.generation.DraftGenerator;
import dev.countersign.generation.DraftRequest;
import dev.countersign.labeling.LabeledExamples;
import dev.countersign.memory.Vectors;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import dev.countersign.screening.DraftChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Drafts every held-out, human-approved example of a use case with the candidate (a prompt version
 * or a model candidate, the other half being the champion's) and with the champion, and measures
 * both the same way: how similar each draft is to the approved text
 * (embedding cosine), what the configured judge scores it, and how many rule findings (PII,
 * policy terms) the drafts have. Engine-free.
 */
@Service
public class CandidateEvaluator {

  /** What a candidate is: a prompt version, or a model candidate such as {@code model-7}. */
  enum Kind { PROMPT, MODEL }

  /**
   * @param label what drafted, for people: a prompt version, a model candidate, or the configured model
   * @param judgeScore the mean judge score, null where the judge could not score any draft
   */
  public record Metrics(String label, double similarity, Double judgeScore, double findingsPerDraft) {}

  public record Evaluation(int examples, Metrics candidate, Metrics champion) {

    /** What "Evaluate candidate" hands back to candidate-promotion, for the model owner's form. */
    public Map<String, Object> variables() {
      Map<String, Object> variables = new HashMap<>();
      variables.put(HELD_OUT_EXAMPLES, examples);
      variables.put(CHAMPION_VERSION, champion.label());
      variables.put(CANDIDATE_SIMILARITY, round(candidate.similarity()));
      variables.put(CHAMPION_SIMILARITY, round(champion.similarity()));
      variables.put(CANDIDATE_JUDGE_SCORE, round(candidate.judgeScore()));
      variables.put(CHAMPION_JUDGE_SCORE, round(champion.judgeScore()));
      variables.put(CANDIDATE_FINDINGS, round(candidate.findingsPerDraft()));
      variables.put(CHAMPION_FINDINGS, round(champion.findingsPerDraft()));
      return variables;
    }

    private static Double round(Double value) {
      return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
  }

  private final DraftGenerator drafts;
  private final FeedbackStore feedback;
  private final EmbeddingModel embeddings;
  private final DraftChecks checks;
  private final PromptChampions champions;
  private final ModelChampions models;
  private final ModelCandidates candidates;
  private final LabeledExamples labeled;
  private final int maxExamples;

  CandidateEvaluator(DraftGenerator drafts, FeedbackStore feedback, EmbeddingModel embeddings, DraftChecks checks,
      PromptChampions champions, ModelChampions models, ModelCandidates candidates, LabeledExamples labeled,
      @Value("${countersign.promotion.evaluation-examples:20}") int maxExamples) {
    this.labeled = labeled;
    this.drafts = drafts;
    this.feedback = feedback;
    this.embeddings = embeddings;
    this.checks = checks;
    this.champions = champions;
    this.models = models;
    this.candidates = candidates;
    this.maxExamples = maxExamples;
  }

  Evaluation evaluate(String useCase, Kind kind, String candidate) {
    List<FeedbackStore.HeldOut> examples = new ArrayList<>(feedback.heldOut(useCase, maxExamples));
    // Final labels of the use case's labeling projects, where their owners asked for it, fill the rest.
    labeled.of(useCase, maxExamples - examples.size()).forEach(example ->
        examples.add(new FeedbackStore.HeldOut(example.key(), example.input(), example.answer())));
    String prompt = champions.current(useCase);
    ModelCandidate model = models.current(useCase).orElse(null);
    Tally champion = kind == Kind.PROMPT ? new Tally(prompt, prompt, model)
        : new Tally(model == null ? "configured model, live memory" : model.name(), prompt, model);
    Tally challenger = kind == Kind.PROMPT ? new Tally(candidate, candidate, model)
        : new Tally(candidate, prompt, candidates.find(ModelCandidate.id(candidate)).orElseThrow(() ->
            new IllegalArgumentException("No model candidate " + candidate)));
    for (FeedbackStore.HeldOut example : examples) {
      // Embedded once, compared with both drafts.
      float[] approved = embeddings.embed(example.approved());
      challenger.add(useCase, example, approved);
      champion.add(useCase, example, approved);
    }
    return new Evaluation(examples.size(), challenger.metrics(examples.size()), champion.metrics(examples.size()));
  }

  /** One prompt version's drafts of the held-out examples, measured as they come. */
  private final class Tally {
    final String label;
    final String promptVersion;
    final ModelCandidate model;
    double similarity;
    double judged;
    int scored;
    int findings;

    Tally(String label, String promptVersion, ModelCandidate model) {
      this.label = label;
      this.promptVersion = promptVersion;
      this.model = model;
    }

    void add(String useCase, FeedbackStore.HeldOut example, float[] approved) {
      String draft = drafts.generate(new DraftRequest(useCase, example.input(), null, null), promptVersion,
          model == null ? null : model.drafting()).text();
      similarity += Vectors.cosine(embeddings.embed(draft), approved);
      Double score = checks.judgeScore(useCase, example.input(), draft);
      if (score != null) {
        judged += score;
        scored++;
      }
      findings += checks.findings(draft);
    }

    Metrics metrics(int examples) {
      int n = Math.max(1, examples);
      return new Metrics(label, similarity / n, scored == 0 ? null : judged / scored, findings / (double) n);
    }
  }
}
