package dev.countersign.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The nearest-memory lookup on the real store with the in-process MiniLM model: what is recalled,
 * in which order, and what never is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
    "camunda.bpm.client.subscriptions.llm-generate.auto-open=false",
    "camunda.bpm.client.subscriptions.llm-screen.auto-open=false",
    "camunda.bpm.client.subscriptions.llm-evaluate.auto-open=false",
    "camunda.bpm.client.subscriptions.dataset-build.auto-open=false",
    "camunda.bpm.client.subscriptions.fine-tune-start.auto-open=false",
    "camunda.bpm.client.subscriptions.fine-tune-check.auto-open=false"})
@ActiveProfiles("test")
class CorrectionMemoryTests {

  private static final Instant LONG_AGO = Instant.now().minus(30, ChronoUnit.DAYS);

  @Autowired CorrectionMemory memory;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired DatasetProperties split;

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
    insert(heldOutId(), useCase, question, "Held out: evaluations draft this one.", LONG_AGO, true, space.name());
    insert(trainingId(), useCase, question, "Made by another embedding model.", LONG_AGO, false, "another-model");
    Instant snapshot = Instant.now().minus(1, ChronoUnit.DAYS);
    String later = insert(trainingId(), useCase, question, "No, Monday to Saturday.", Instant.now(), false,
        space.name());

    assertThat(memory.recall(useCase, question, 3, 0.5).approved()).extracting(CorrectionMemory.Approved::requestId)
        .containsExactly(later);
    assertThat(memory.recall(useCase, question, 3, 0.5, snapshot).approved())
        .as("a snapshot holds only what was decided before it").isEmpty();
  }

  private String remember(String useCase, String input, String answer) {
    return insert(trainingId(), useCase, input, answer, LONG_AGO, false, space.name());
  }

  private String rejected(String useCase, String input, String draft, String reason) {
    String id = insert(trainingId(), useCase, input, null, LONG_AGO, false, space.name());
    Timestamp at = Timestamp.from(LONG_AGO);
    jdbc.update("insert into cs_review_draft (request_id, attempt, draft_text, model, prompt_version, created_at) "
        + "values (?, 1, ?, 'test-model', 'draft-v2', ?)", id, draft, at);
    jdbc.update("insert into cs_review_decision (request_id, attempt, task_key, reviewer, decision, reason, decided_at) "
        + "values (?, 1, 'UserTask_ReviewDraft', 'reviewer', 'reject', ?, ?)", id, reason, at);
    return id;
  }

  private String insert(String id, String useCase, String input, String answer, Instant decided, boolean heldOut,
      String embeddingSpace) {
    Timestamp at = Timestamp.from(decided);
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', ?, 'low', ?, 'requester', ?)", id, useCase, input, at);
    jdbc.update("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, outcome, "
        + "decision, reviewer, attempts, requested_at, decided_at, review_millis, input_embedding, embedding_space, "
        + "held_out) values (?, ?, 'low', ?, '[]', ?, ?, ?, 'reviewer', 1, ?, ?, 1000, ?, ?, ?)",
        id, useCase, input, answer, answer == null ? "REJECTED" : "APPROVED", answer == null ? "reject" : "approve",
        at, at, Vectors.toBytes(embeddings.embed(input)), embeddingSpace, heldOut);
    return id;
  }

  private String trainingId() {
    String id;
    do {
      id = UUID.randomUUID().toString();
    } while (split.heldOut(id));
    return id;
  }

  private String heldOutId() {
    String id;
    do {
      id = UUID.randomUUID().toString();
    } while (!split.heldOut(id));
    return id;
  }
}
