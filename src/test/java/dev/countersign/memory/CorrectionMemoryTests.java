package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.countersign.StoreTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nearest-memory lookup on the real store with the in-process MiniLM model: what is recalled,
 * in which order, and what never is.
 */
@StoreTest
class CorrectionMemoryTests {

  private static final Instant LONG_AGO = Instant.now().minus(30, ChronoUnit.DAYS);

  @Autowired CorrectionMemory memory;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired HeldOutSplit split;
  TrainingFeedback feedback;

  @BeforeEach
  void init() {
    feedback = new TrainingFeedback(jdbc, split);
  }

  @Test
  void recallsTheMostSimilarApprovedAnswersOfTheUseCaseMostSimilarFirst() {
    String useCase = "memory-" + UUID.randomUUID();
    String closest = remember(useCase, "How do I reset my password?", "Settings, then Security, then Reset.");
    String close = remember(useCase, "I forgot my password, what now?", "Use Forgot password on the sign-in page.");
    remember(useCase, "What are your opening hours?", "9 to 5 on weekdays.");
    remember("another-" + useCase, "How do I reset my password?", "An answer from another use case.");

    CorrectionMemory.Recall recall = memory.recall(useCase, "How can I reset my password?", 2, 0.5);

    assertThat(recall.approved()).extracting(CorrectionMemory.Approved::requestId).containsExactly(closest, close);
    assertThat(recall.approved().get(0).similarity()).isGreaterThan(recall.approved().get(1).similarity());
    assertThat(recall.approved()).allSatisfy(a -> assertThat(a.similarity()).isGreaterThanOrEqualTo(0.5));
    assertThat(memory.recall(useCase, "How can I reset my password?", 3, 0.995).approved())
        .as("nothing below the minimum similarity").isEmpty();
  }

  @Test
  void theNearestApprovedAnswerIsTheMostSimilarHoweverFarAndNeverARejection() {
    String useCase = "memory-" + UUID.randomUUID();
    assertThat(memory.nearestAnswers(useCase, "How do I reset my password?", 1)).isEmpty();
    rejected(useCase, "How can I reset my password?", "Call us.", "We have a self-service reset");
    String opening = remember(useCase, "What are your opening hours?", "9 to 5 on weekdays.");

    assertThat(memory.nearestAnswers(useCase, "How do I reset my password?", 1))
        .as("below any recall threshold, but the nearest approved one").singleElement()
        .satisfies(nearest -> {
          assertThat(nearest.requestId()).isEqualTo(opening);
          assertThat(nearest.answer()).isEqualTo("9 to 5 on weekdays.");
          assertThat(nearest.similarity()).isLessThan(0.6);
        });
  }

  @Test
  void recallsEachApprovedAnswerOnceWithItsMostSimilarRequest() {
    String useCase = "memory-" + UUID.randomUUID();
    String reset = "Choose Forgot password on the sign-in page.";
    String nearest = remember(useCase, "How can I reset my password?", reset);
    remember(useCase, "I forgot my password.", reset);
    remember(useCase, "My password no longer works.", reset);
    String username = remember(useCase, "How can I find my username?", "It is the e-mail address you signed up with.");

    List<CorrectionMemory.Approved> answers = memory.nearestAnswers(useCase, "How do I reset my password?", 2);

    assertThat(answers).extracting(CorrectionMemory.Approved::requestId).containsExactly(nearest, username);
    assertThat(memory.recall(useCase, "How do I reset my password?", 3, 0.0).approved())
        .extracting(CorrectionMemory.Approved::answer).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void anAnswerApprovedForSeveralRequestsIsFittedWithWhatItLearnedFromThem() {
    String useCase = "memory-" + UUID.randomUUID();
    String reset = "Choose Forgot password on the sign-in page.";
    remember(useCase, "How can I reset my password?", reset);
    remember(useCase, "I forgot my password.", reset);
    remember(useCase, "How can I find my username?", "It is the e-mail address you signed up with.");

    List<CorrectionMemory.Approved> answers = memory.nearestAnswers(useCase, "My password no longer works.", 2);

    assertThat(answers).extracting(CorrectionMemory.Approved::answer)
        .containsExactly(reset, "It is the e-mail address you signed up with.");
    CorrectionMemory.Approved learned = answers.get(0);
    assertThat(learned.usualFit()).as("learned from its two requests").isBetween(0.3, 1.0);
    assertThat(learned.fit()).as("blends the request with the answer, so differs from the request's similarity")
        .isBetween(0.0, 1.0).isNotEqualTo(learned.similarity());
    assertThat(answers.get(1).usualFit()).as("approved once: nothing learned").isNaN();
    assertThat(learned.fit()).isGreaterThan(answers.get(1).fit());
  }

  @Test
  void fitsAnAnswerWithTheVectorStoredWithItsDecision() {
    String useCase = "memory-" + UUID.randomUUID();
    String input = "How can I reset my password?";
    String answer = "Choose Forgot password on the sign-in page (" + useCase + ").";
    String id = remember(useCase, input, answer);
    float[] stored = embeddings.embed("Our shops open Monday to Saturday.");
    jdbc.update("update cs_feedback set answer_embedding = ? where request_id = ?", Vectors.toBytes(stored), id);
    String question = "I forgot my password.";
    float[] query = embeddings.embed(question);
    float[] queryForAnswers = embeddings.embed(space.asQueryForAnswers(question));

    CorrectionMemory.Approved recalled = memory.nearestAnswers(useCase, question, 1).get(0);

    assertThat(recalled.fit()).as("the stored vector, not the answer embedded again")
        .isCloseTo(AnswerFit.fit(query, queryForAnswers, List.of(embeddings.embed(input)), stored), within(1e-6))
        .isNotCloseTo(AnswerFit.fit(query, queryForAnswers, List.of(embeddings.embed(input)), embeddings.embed(answer)),
            within(0.01));
  }

  @Test
  void offersRejectedDraftsOfSimilarRequestsWithTheirReasonsToAvoid() {
    String useCase = "memory-" + UUID.randomUUID();
    String rejected = rejected(useCase, "Can I get a refund after 60 days?", "Yes, always.", "We refund within 30 days only");

    CorrectionMemory.Recall recall = memory.recall(useCase, "Could I get a refund after sixty days?", 3, 0.5);

    assertThat(recall.approved()).isEmpty();
    assertThat(recall.avoid()).singleElement().satisfies(avoid -> {
      assertThat(avoid.requestId()).isEqualTo(rejected);
      assertThat(avoid.draft()).isEqualTo("Yes, always.");
      assertThat(avoid.reason()).isEqualTo("We refund within 30 days only");
    });
  }

  @Test
  void neverRecallsTheHeldOutSplitOtherEmbeddingModelsOrWhatCameAfterASnapshot() {
    String useCase = "memory-" + UUID.randomUUID();
    String question = "Do you deliver on Sundays?";
    insert(feedback.heldOutId(), useCase, question, "Held out: evaluations draft this one.", LONG_AGO, true,
        space.name());
    insert(feedback.trainingId(), useCase, question, "Made by another embedding model.", LONG_AGO, false,
        "another-model");
    Instant snapshot = Instant.now().minus(1, ChronoUnit.DAYS);
    String later = insert(feedback.trainingId(), useCase, question, "No, Monday to Saturday.", Instant.now(), false,
        space.name());

    assertThat(memory.recall(useCase, question, 3, 0.5).approved()).extracting(CorrectionMemory.Approved::requestId)
        .containsExactly(later);
    assertThat(memory.recall(useCase, question, 3, 0.5, snapshot).approved())
        .as("a snapshot holds only what was decided before it").isEmpty();
  }

  private String remember(String useCase, String input, String answer) {
    return insert(feedback.trainingId(), useCase, input, answer, LONG_AGO, false, space.name());
  }

  private String rejected(String useCase, String input, String draft, String reason) {
    String id = insert(feedback.trainingId(), useCase, input, null, LONG_AGO, false, space.name());
    Timestamp at = Timestamp.from(LONG_AGO);
    jdbc.update("insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version, created_at) "
        + "values (?, 1, ?, 'test-model', 'draft-v2', ?)", id, draft, at);
    jdbc.update("insert into cs_review_decision (request_id, attempt, task_key, reviewer, decision, reason, decided_at) "
        + "values (?, 1, 'UserTask_ReviewDraft', 'reviewer', 'reject', ?, ?)", id, reason, at);
    return id;
  }

  private String insert(String id, String useCase, String input, String answer, Instant decided, boolean heldOut,
      String embeddingSpace) {
    return feedback.insert(id, useCase, input, answer, decided, heldOut, Vectors.toBytes(embeddings.embed(input)),
        embeddingSpace);
  }
}
