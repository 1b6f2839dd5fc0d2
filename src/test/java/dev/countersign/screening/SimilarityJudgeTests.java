package dev.countersign.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.memory.AdoptionRule;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.memory.Vectors;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The offline judge on the real memory; the adoption rule is set so that each case is certain. */
@StoreTest
class SimilarityJudgeTests {

  private static final String EMAIL = "Open Profile, then Email, and confirm the link we send.";
  private static final String PHONE = "Open Profile, then Phone, and type in the code we text you.";

  @Autowired CorrectionMemory memory;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;

  @Test
  void namesTheAnswersThatAreTooCloseToTellApartAndNeverScoresHighEnoughForAutoApproval() {
    String useCase = useCaseWithNearMisses();
    SimilarityJudge judge = new SimilarityJudge(memory, embeddings, new AdoptionRule(0.0, 1.0, 0, 0));

    JudgeScore score = judge.judge(useCase, "How do I change my e-mail address?", EMAIL);

    assertThat(score.score()).isLessThanOrEqualTo(SimilarityJudge.TOO_CLOSE_CAP);
    assertThat(score.rationale()).startsWith("Earlier approved answers are too close to tell apart")
        .contains("\"" + EMAIL + "\" (", "\"" + PHONE + "\" (");
  }

  @Test
  void scoresByTheNearestAnswerWhenItIsClearlyNearest() {
    String useCase = useCaseWithNearMisses();
    SimilarityJudge judge = new SimilarityJudge(memory, embeddings, new AdoptionRule(0.0, 0.0, 0, 0));

    JudgeScore score = judge.judge(useCase, "How do I change my e-mail address?", EMAIL);

    assertThat(score.rationale()).startsWith("Nearest approved request is");
    assertThat(score.score()).isGreaterThan(SimilarityJudge.TOO_CLOSE_CAP);
  }

  @Test
  void aUseCaseWithoutApprovedAnswersScoresZero() {
    SimilarityJudge judge = new SimilarityJudge(memory, embeddings, new AdoptionRule(0.82, 0.03, 0.08, 0.60));

    assertThat(judge.judge("judge-" + UUID.randomUUID(), "Anything?", "A draft.").score()).isZero();
  }

  private String useCaseWithNearMisses() {
    String useCase = "judge-" + UUID.randomUUID();
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    for (String[] decided : new String[][] {{"How do I change my email address?", EMAIL},
        {"How do I change my phone number?", PHONE}}) {
      feedback.insert(feedback.trainingId(), useCase, decided[0], decided[1], Instant.now(), false,
          Vectors.toBytes(embeddings.embed(decided[0])), space.name());
    }
    return useCase;
  }
}
