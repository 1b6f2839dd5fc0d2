package dev.countersign.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.countersign.StoreTest;
import dev.countersign.TrainingFeedback;
import dev.countersign.feedback.HeldOutSplit;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Memory's nearest-neighbour index against the real feedback store: it finds what the exact scan
 * finds, learns of every change the store records, and survives a restart, rebuilding itself only
 * for another database. A database of its own, as one test makes the store look like another one.
 */
@StoreTest
class VectorIndexTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:vector-index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired DecidedRequests decided;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;
  @Autowired JdbcTemplate jdbc;
  @Autowired HeldOutSplit split;
  @TempDir Path directory;
  TrainingFeedback feedback;
  VectorScan scan;

  @BeforeEach
  void init() {
    feedback = new TrainingFeedback(jdbc, split);
    scan = new VectorScan(decided, space);
  }

  @Test
  void findsTheSameNearestRequestsAsTheExactScan() {
    String useCase = "index-" + UUID.randomUUID();
    List<String> questions = new ArrayList<>();
    ParaphraseWorkload.TOPICS.forEach(topic -> {
      for (int i = 0; i < topic.questions().length - 1; i++) {
        remember(useCase, topic.questions()[i], topic.answer());
      }
      questions.add(topic.questions()[topic.questions().length - 1]);
    });
    try (VectorIndex index = opened(directory)) {
      int found = 0;
      for (String question : questions) {
        float[] query = embeddings.embed(question);
        List<NearestRequests.Neighbour> exact = scan.nearest(useCase, query, 5, -1, null);
        List<NearestRequests.Neighbour> approximate = index.nearest(useCase, query, 5, -1, null);
        assertThat(approximate).hasSize(5);
        assertThat(approximate.get(0).similarity()).isCloseTo(exact.get(0).similarity(), offset(1e-5));
        found += (int) approximate.stream().map(NearestRequests.Neighbour::requestId)
            .filter(id -> exact.stream().anyMatch(e -> e.requestId().equals(id))).count();
      }
      assertThat(found).as("recall@5 over %d questions among %d memories", questions.size(), 5 * questions.size())
          .isGreaterThanOrEqualTo((int) (0.98 * 5 * questions.size()));
    }
  }

  @Test
  void learnsOfEveryChangeTheStoreRecordsAtTheNextSearch() {
    String useCase = "index-" + UUID.randomUUID();
    remember(useCase, "What are your opening hours?", "9 to 5 on weekdays.");
    try (VectorIndex index = opened(directory)) {
      float[] query = embeddings.embed("How do I reset my password?");
      String reset = remember(useCase, "How can I reset my password?", "Choose Forgot password.");

      assertThat(index.nearest(useCase, query, 1, 0.5, null)).singleElement()
          .satisfies(n -> assertThat(n.requestId()).isEqualTo(reset));
      assertThat(index.nearest(useCase, query, 1, 0.5, Instant.now().minus(1, ChronoUnit.HOURS)))
          .as("a snapshot from before it was decided").isEmpty();
      assertThat(index.nearest("other-" + useCase, query, 1, -1, null)).as("another use case").isEmpty();

      // Re-embedded with another model: memory may not recall it in this space any more.
      jdbc.update("update cs_feedback set embedding_space = 'another-model' where request_id = ?", reset);
      TrainingFeedback.changed(jdbc, reset);

      assertThat(index.nearest(useCase, query, 1, 0.5, null)).isEmpty();
    }
  }

  @Test
  void carriesOnAfterARestartAndRebuildsForAnotherDatabase() {
    String useCase = "index-" + UUID.randomUUID();
    String hours = remember(useCase, "What are your opening hours?", "9 to 5 on weekdays.");
    float[] query = embeddings.embed("When are you open?");
    try (VectorIndex index = opened(directory)) {
      assertThat(index.nearest(useCase, query, 1, 0.5, null)).hasSize(1);
    }
    // A row no change announced: only a rebuild, which reads the rows themselves, can find it.
    String unannounced = feedback.insert(feedback.trainingId(), useCase, "When do you open?", "At nine.",
        Instant.now(), false, Vectors.toBytes(embeddings.embed("When do you open?")), space.name());
    jdbc.update("delete from cs_memory_change where request_id = ?", unannounced);

    try (VectorIndex index = opened(directory)) {
      assertThat(index.nearest(useCase, query, 5, 0.5, null)).as("reopened where it stopped, not rebuilt")
          .extracting(NearestRequests.Neighbour::requestId).containsExactly(hours);
    }

    // The store's first change is gone: it is not the database the index was built from.
    jdbc.update("delete from cs_memory_change where seq = (select min(seq) from cs_memory_change)");
    try (VectorIndex index = opened(directory)) {
      assertThat(index.nearest(useCase, query, 5, 0.5, null)).as("rebuilt from the rows")
          .extracting(NearestRequests.Neighbour::requestId).containsExactlyInAnyOrder(hours, unannounced);
    }
  }

  @Test
  void opensInTheBackgroundAtTheFirstSearchWhichTheScanAnswers() throws Exception {
    String useCase = "index-" + UUID.randomUUID();
    String hours = remember(useCase, "What are your opening hours?", "9 to 5 on weekdays.");
    float[] query = embeddings.embed("When are you open?");
    try (VectorIndex index = new VectorIndex(decided, space, scan, directory)) {
      assertThat(index.isOpen()).isFalse();

      assertThat(index.nearest(useCase, query, 1, 0.5, null)).extracting(NearestRequests.Neighbour::requestId)
          .containsExactly(hours);

      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!index.isOpen() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(index.isOpen()).isTrue();
      assertThat(index.nearest(useCase, query, 1, 0.5, null)).extracting(NearestRequests.Neighbour::requestId)
          .containsExactly(hours);
    }
  }

  private VectorIndex opened(Path location) {
    VectorIndex index = new VectorIndex(decided, space, scan, location);
    index.open();
    assertThat(index.isOpen()).as("the index opened, so the scan is not what answers").isTrue();
    return index;
  }

  private String remember(String useCase, String input, String answer) {
    return feedback.insert(feedback.trainingId(), useCase, input, answer, Instant.now(), false,
        Vectors.toBytes(embeddings.embed(input)), space.name());
  }
}
