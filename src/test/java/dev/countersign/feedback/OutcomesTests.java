package dev.countersign.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.memory.Vectors;
import dev.countersign.oversight.AuditEntry;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.Placeholders;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** How a review's end is recorded, audited and announced, without the engine. */
@StoreTest
@RecordApplicationEvents
class OutcomesTests {

  @Autowired
  Outcomes outcomes;
  @Autowired
  AuditTrail audit;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ApplicationEvents events;
  @Autowired
  EmbeddingModel embeddings;
  @Autowired
  FeedbackStore feedback;

  @Test
  void anAutoApprovalIsRecordedAsTheSystemsWhateverDecisionIsLeftInTheProcess() {
    String id = request("faq-answer");
    FeedbackStore.Outcome outcome = outcomes.record(id, "faq-answer", "AUTO", true, "reject", "We open at nine.",
        AuditTrail.SYSTEM);

    assertThat(outcome).isEqualTo(new FeedbackStore.Outcome(FeedbackStore.APPROVED, "We open at nine."));
    assertThat(jdbc.queryForMap("select decision, reviewer, final_text from cs_feedback where request_id = ?", id))
        .containsEntry("DECISION", "auto").containsEntry("REVIEWER", AuditTrail.SYSTEM)
        .containsEntry("FINAL_TEXT", "We open at nine.");
    AuditEntry recorded = last(id);
    assertThat(recorded.type()).isEqualTo("outcome.recorded");
    assertThat(recorded.details().toString()).contains("\"decision\":\"auto\"", "\"outcome\":\"APPROVED\"")
        .doesNotContain("We open at nine.");
    assertThat(events.stream(FeedbackRecorded.class))
        .containsExactly(new FeedbackRecorded(id, "faq-answer", FeedbackStore.APPROVED));
  }

  @Test
  void anApprovedAnswerIsStoredWithItsVectorAndARejectionWithNone() {
    String approved = request("faq-answer");
    outcomes.record(approved, "faq-answer", "SINGLE", false, "approve", "We open at nine.", "reviewer");
    String rejected = request("faq-answer");
    outcomes.record(rejected, "faq-answer", "SINGLE", false, "reject", "We never open.", "reviewer");

    assertThat(Vectors.fromBytes(answerVector(approved))).as("memory fits answers without embedding them again")
        .containsExactly(embeddings.embed("We open at nine."));
    assertThat(Vectors.fromBytes(jdbc.queryForObject("select input_embedding from cs_feedback where request_id = ?",
        byte[].class, approved))).containsExactly(embeddings.embed("When do you open?"));
    assertThat(answerVector(rejected)).isNull();
  }

  @Test
  void learningTakesInOnlyWhatAPersonApprovedNeverAnAutoApprovalNorThePlaceholder() {
    String useCase = "learning-" + UUID.randomUUID();
    String automatic = request(useCase);
    outcomes.record(automatic, useCase, "AUTO", true, "approve", "We open at nine.", AuditTrail.SYSTEM);
    String placeholder = request(useCase);
    outcomes.record(placeholder, useCase, "SINGLE", false, "approve",
        Placeholders.MARK + " Please write the reply.]\n\nThank you for your message.", "reviewer");
    assertThat(jdbc.queryForObject("select placeholder from cs_feedback where request_id = ?", Boolean.class,
        placeholder)).isTrue();
    assertThat(feedback.trainingExamples(useCase, Instant.EPOCH)).isZero();
    assertThat(feedback.useCasesWithTrainingExamples()).doesNotContain(useCase);

    String person = request(useCase);
    outcomes.record(person, useCase, "SINGLE", false, "approve", "We open at nine on weekdays.", "reviewer");
    assertThat(feedback.trainingExamples(useCase, Instant.EPOCH) + feedback.heldOut(useCase, 10).size())
        .as("in training or held out for evaluation, whichever its id drew").isEqualTo(1);
  }

  private byte[] answerVector(String requestId) {
    return jdbc.queryForObject("select answer_embedding from cs_feedback where request_id = ?", byte[].class, requestId);
  }

  @Test
  void aRejectionKeepsNoTextAndIsAnnouncedAsNotApproved() {
    String id = request("billing");
    FeedbackStore.Outcome outcome = outcomes.record(id, "billing", "SINGLE", false, "reject", "A draft nobody stood behind.",
        "compliance");

    assertThat(outcome).isEqualTo(new FeedbackStore.Outcome(FeedbackStore.REJECTED, null));
    assertThat(last(id).actor()).isEqualTo("compliance");
    assertThat(events.stream(FeedbackRecorded.class)).singleElement()
        .satisfies(event -> assertThat(event.approved()).isFalse());
  }

  private AuditEntry last(String chain) {
    List<AuditEntry> entries = audit.export(chain).entries();
    return entries.get(entries.size() - 1);
  }

  private String request(String useCase) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', ?, 'low', 'When do you open?', 'requester', ?)", id, useCase,
        Timestamp.from(Instant.now()));
    return id;
  }
}
