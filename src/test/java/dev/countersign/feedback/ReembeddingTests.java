package dev.countersign.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.memory.Vectors;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decisions embedded by an earlier in-process model are embedded again with the one in use, and
 * approved answers from before their vectors were stored get them.
 */
@StoreTest
class ReembeddingTests {

  @Autowired Reembedding reembedding;
  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;

  @Test
  void aDecisionEmbeddedByAnotherModelIsEmbeddedAgainAndRecalledAgain() {
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    String question = "Can I pause my subscription for the summer?";
    String id = feedback.insert(feedback.trainingId(), "reembedding", question, "Open Plan and choose Pause.",
        Instant.now(), false, Vectors.toBytes(new float[] {1, 0, 0}), "minilm-l6-v2-q");

    assertThat(reembedding.reembedAll()).isGreaterThanOrEqualTo(1);

    Map<String, Object> row = jdbc.queryForMap("select input_embedding, answer_embedding, embedding_space "
        + "from cs_feedback where request_id = ?", id);
    assertThat(row.get("EMBEDDING_SPACE")).isEqualTo(space.name());
    assertThat(Vectors.fromBytes((byte[]) row.get("INPUT_EMBEDDING"))).containsExactly(embeddings.embed(question));
    assertThat(Vectors.fromBytes((byte[]) row.get("ANSWER_EMBEDDING"))).containsExactly(embeddings.embed("Open Plan and choose Pause."));
    assertThat(reembedding.reembedAll()).as("nothing is left to do").isZero();
  }

  @Test
  void anApprovedAnswerFromBeforeAnswersHadVectorsGetsOneAndARejectionNone() {
    TrainingFeedback feedback = new TrainingFeedback(jdbc, split);
    String question = "Do you deliver on Sundays?";
    byte[] vector = Vectors.toBytes(embeddings.embed(question));
    String approved = feedback.insert(feedback.trainingId(), "reembedding", question, "No, Monday to Saturday.",
        Instant.now(), false, vector, space.name());
    String rejected = feedback.insert(feedback.trainingId(), "reembedding", question, null, Instant.now(), false,
        vector, space.name());

    assertThat(reembedding.reembedAll()).isGreaterThanOrEqualTo(1);

    assertThat(Vectors.fromBytes(answerVector(approved))).containsExactly(embeddings.embed("No, Monday to Saturday."));
    assertThat(answerVector(rejected)).as("a rejection has no answer").isNull();
    assertThat(reembedding.reembedAll()).as("nothing is left to do").isZero();
  }

  private byte[] answerVector(String requestId) {
    return jdbc.queryForObject("select answer_embedding from cs_feedback where request_id = ?", byte[].class, requestId);
  }
}
