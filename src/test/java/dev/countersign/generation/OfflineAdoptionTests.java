package dev.countersign.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.memory.Vectors;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The offline drafter's adoption through the whole chain on the defaults: memory fits the answers,
 * the draft prompt carries the figures, the offline drafter reads them and the rule decides.
 */
@StoreTest
class OfflineAdoptionTests {

  private static final String STUDENTS = "Students get 20% off: verify your student status under Plan, then Discounts.";
  private static final String DELIVERY_TIME =
      "Standard delivery takes three to five working days; express arrives the next working day.";
  private static final String PARAPHRASE = "Can I prove I'm a student to pay less?";

  @Autowired DraftGenerator drafts;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;

  @Test
  void anAnswerApprovedForRequestsWordedFarApartIsAdoptedForAParaphraseItWouldNotTakeWhenApprovedOnce() {
    String once = "offline-" + UUID.randomUUID();
    approve(once, "Do you have a student discount?", STUDENTS);
    String learned = "offline-" + UUID.randomUUID();
    for (String wording : new String[] {"Do you have a student discount?",
        "I'm at university, is there a cheaper price for me?", "Are there reduced rates for students?",
        "How do I get the student offer?"}) {
      approve(learned, wording, STUDENTS);
    }

    assertThat(draft(learned, PARAPHRASE)).isEqualTo(STUDENTS);
    assertThat(draft(once, PARAPHRASE)).as("approved once: the strict bar, so the template").isNotEqualTo(STUDENTS);
  }

  @Test
  void aRequestWordedLikeAnotherTopicsButAskingForSomethingElseGetsTheTemplate() {
    String useCase = "offline-" + UUID.randomUUID();
    approve(useCase, "How long does delivery take?", DELIVERY_TIME);

    assertThat(draft(useCase, "How long will delivery take?")).isEqualTo(DELIVERY_TIME);
    // 0.80 similar to the approved request, which the nearest request alone took as enough; the
    // answer itself, about days, fits the question about cost less.
    assertThat(draft(useCase, "How much does delivery cost?")).isNotEqualTo(DELIVERY_TIME);
  }

  private String draft(String useCase, String input) {
    return drafts.generate(new DraftRequest(useCase, input, null, null), "draft-v2", null).text();
  }

  private void approve(String useCase, String input, String answer) {
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    feedback.insert(feedback.trainingId(), useCase, input, answer, Instant.now().minus(1, ChronoUnit.DAYS), false,
        Vectors.toBytes(embeddings.embed(input)), space.name());
  }
}
