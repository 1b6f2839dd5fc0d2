package dev.countersign.memory;

import dev.countersign.BenchmarkReport;
import dev.countersign.StoreTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nearest-memory recall (issue 13, P5): {@code bench.memories} decided requests in one use case
 * (the worst case: everything is in the use case searched), recalled through the HNSW index and
 * through the exact scan. Each recall embeds its question, finds the nearest and reads the texts,
 * as drafting does. recall@5 compares the index's five nearest with the scan's.
 *
 * <p>Stored vectors ({@code bench.vectors}): {@code clustered} (the default) lie around the
 * embeddings of real support questions (the paraphrase workload's), about 0.85 similar to one,
 * and those questions are the ones asked; {@code uniform} are random unit
 * vectors, the hardest case for a graph index, as nothing is near anything.
 *
 * <p>Answers ({@code bench.answers}): how many distinct approved answers the memories share; by
 * default each has its own, the worst case for recall, which fits every answer it recalls. Their
 * vectors are stored with the rows, as the feedback store writes them; with
 * {@code bench.answerVectors=false} they are not, as for decisions from before they were, and
 * recall embeds the answers it fits.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=MemoryLookupBenchmark -Dbench.memories=100000</pre>
 */
@Tag("benchmark")
@StoreTest
class MemoryLookupBenchmark {

  private static final int MEMORIES = Integer.getInteger("bench.memories", 100_000);
  private static final int LOOKUPS = Integer.getInteger("bench.lookups", 200);
  private static final int SCAN_LOOKUPS = Integer.getInteger("bench.scanLookups", 30);
  private static final String VECTORS = System.getProperty("bench.vectors", "clustered");
  private static final int ANSWERS = Integer.getInteger("bench.answers", MEMORIES);
  private static final boolean ANSWER_VECTORS = Boolean.parseBoolean(System.getProperty("bench.answerVectors", "true"));
  private static final String USE_CASE = "support-desk";
  private static final Path INDEX = Path.of("target/benchmark/memory-index-" + UUID.randomUUID());

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/memory-" + UUID.randomUUID());
    // The app's own index stays out of the way: this benchmark opens the ones it measures.
    registry.add(MemoryIndexConfig.MODE, () -> "scan");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired DecidedRequests decided;
  @Autowired EmbeddingModel embeddings;
  @Autowired EmbeddingSpace space;

  @Test
  void recallLatencyAndAccuracy() {
    Random random = new Random(42);
    List<float[]> centres = new ArrayList<>();
    List<String> questions = new ArrayList<>();
    ParaphraseWorkload.TOPICS.forEach(topic -> {
      for (String wording : topic.questions()) {
        centres.add(embeddings.embed(wording));
        questions.add(wording);
      }
    });
    seed(random, centres);

    VectorScan scan = new VectorScan(decided, space);
    long buildStarted = System.nanoTime();
    VectorIndex index = new VectorIndex(decided, space, scan, INDEX);
    index.open();
    double buildSeconds = (System.nanoTime() - buildStarted) / 1e9;
    index.close();
    long reopenStarted = System.nanoTime();
    index = new VectorIndex(decided, space, scan, INDEX);
    index.open();
    double reopenMillis = (System.nanoTime() - reopenStarted) / 1e6;
    if (!index.isOpen()) {
      throw new IllegalStateException("The index did not open; see the log");
    }

    CorrectionMemory indexed = new CorrectionMemory(decided, embeddings, space, index);
    CorrectionMemory scanned = new CorrectionMemory(decided, embeddings, space, scan);
    indexed.recall(USE_CASE, questions.get(0), 3, 0.5);
    scanned.recall(USE_CASE, questions.get(0), 3, 0.5);
    long[] indexMicros = time(indexed, questions, LOOKUPS);
    long[] scanMicros = time(scanned, questions, SCAN_LOOKUPS);
    long[] embedMicros = new long[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      long start = System.nanoTime();
      embeddings.embed(questions.get(i % questions.size()));
      embedMicros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(embedMicros);
    Stages stages = stages(index, questions);

    int found = 0;
    for (String question : questions) {
      float[] query = embeddings.embed(question);
      List<String> exact = scan.nearest(USE_CASE, query, 5, Double.NEGATIVE_INFINITY, null).stream()
          .map(NearestRequests.Neighbour::requestId).toList();
      found += (int) index.nearest(USE_CASE, query, 5, Double.NEGATIVE_INFINITY, null).stream()
          .filter(n -> exact.contains(n.requestId())).count();
    }
    double recallAt5 = found / (5.0 * questions.size());
    index.close();

    BenchmarkReport.publish(String.format("""

        Countersign nearest-memory recall benchmark
          memories in the use case   %d (%s vectors, %d distinct answers, their vectors %s), embedded with %s
          index build                %.1f s from the database; reopened in %.0f ms
          recall, HNSW index         p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d recalls (k = 3, embedding included)
          of which embedding         p50 %.1f ms, p95 %.1f ms
          its steps, each alone        p50 / p95 in ms over %d questions
            embed question + query form   %.1f / %.1f (two calls, as recall makes them)
            index search (24 nearest)     %.1f / %.1f
            read answers (texts, vectors) %.1f / %.1f
            read neighbours' vectors      %.1f / %.1f
            read rejections               %.1f / %.1f
          recall, exact scan         p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d recalls
          recall@5 against the scan  %.3f over %d questions
        """, MEMORIES, VECTORS, ANSWERS, ANSWER_VECTORS ? "stored" : "not stored", space.name(), buildSeconds, reopenMillis,
        percentile(indexMicros, 0.50), percentile(indexMicros, 0.95), percentile(indexMicros, 1.0), LOOKUPS,
        percentile(embedMicros, 0.50), percentile(embedMicros, 0.95), LOOKUPS,
        percentile(stages.embed(), 0.50), percentile(stages.embed(), 0.95),
        percentile(stages.search(), 0.50), percentile(stages.search(), 0.95),
        percentile(stages.answers(), 0.50), percentile(stages.answers(), 0.95),
        percentile(stages.vectors(), 0.50), percentile(stages.vectors(), 0.95),
        percentile(stages.rejections(), 0.50), percentile(stages.rejections(), 0.95),
        percentile(scanMicros, 0.50), percentile(scanMicros, 0.95), percentile(scanMicros, 1.0), SCAN_LOOKUPS,
        recallAt5, questions.size()));
    String among = String.format(" among %,d memories (%s vectors%s%s)", MEMORIES, VECTORS,
        ANSWERS == MEMORIES ? "" : String.format(", %,d answers", ANSWERS), ANSWER_VECTORS ? "" : ", answers not embedded");
    BenchmarkReport.figure("P5", "nearest-memory recall p95, embedding included" + among, BenchmarkReport.Goal.AT_MOST,
        20, percentile(indexMicros, 0.95), "ms");
    BenchmarkReport.figure("P5", "recall@5 against the exact scan" + among, BenchmarkReport.Goal.AT_LEAST, 0.95,
        recallAt5, "");
    BenchmarkReport.figure("P5", "the exact scan's p95, for comparison" + among, percentile(scanMicros, 0.95), "ms");
  }

  /** Rows as the feedback store writes them, with their changes numbered. */
  private void seed(Random random, List<float[]> centres) {
    Timestamp now = Timestamp.from(Instant.now());
    // Apart from the inputs' draws, so that the inputs' vectors are the same either way.
    Random answers = new Random(43);
    for (int from = 0; from < MEMORIES; from += 5_000) {
      List<Integer> rows = IntStream.range(from, Math.min(MEMORIES, from + 5_000)).boxed().toList();
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'bench', '" + USE_CASE + "', 'low', ?, 'requester', ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "memory-" + i);
            ps.setString(2, "Question " + i);
            ps.setTimestamp(3, now);
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, input_embedding, "
          + "answer_embedding, embedding_space) values (?, '" + USE_CASE + "', 'low', ?, '[]', ?, 'APPROVED', 'edit', "
          + "'reviewer', 1, ?, ?, 1000, ?, ?, ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "memory-" + i);
            ps.setString(2, "Question " + i);
            ps.setString(3, "Approved answer " + (i % ANSWERS));
            ps.setTimestamp(4, now);
            ps.setTimestamp(5, now);
            ps.setBytes(6, Vectors.toBytes(vector(random, centres)));
            ps.setBytes(7, ANSWER_VECTORS ? Vectors.toBytes(vector(answers, centres)) : null);
            ps.setString(8, space.name());
          });
      jdbc.batchUpdate("insert into cs_memory_change (request_id) values (?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> ps.setString(1, "memory-" + i));
    }
  }

  /** Microseconds per step of a recall, each sorted. */
  private record Stages(long[] embed, long[] search, long[] answers, long[] vectors, long[] rejections) {}

  /** The steps a recall through the index takes, timed one by one, to say where its time goes. */
  private Stages stages(VectorIndex index, List<String> questions) {
    Stages stages = new Stages(new long[LOOKUPS], new long[LOOKUPS], new long[LOOKUPS], new long[LOOKUPS],
        new long[LOOKUPS]);
    for (int i = 0; i < LOOKUPS; i++) {
      String question = questions.get(i % questions.size());
      long start = System.nanoTime();
      float[] query = embeddings.embed(question);
      embeddings.embed(List.of(space.asQueryForAnswers(question)));
      long embedded = System.nanoTime();
      List<String> ids = index.nearest(USE_CASE, query, 24, 0.5, null).stream()
          .map(NearestRequests.Neighbour::requestId).toList();
      long searched = System.nanoTime();
      decided.answers(ids, space.name());
      long answered = System.nanoTime();
      decided.recallable(ids, space.name());
      long read = System.nanoTime();
      decided.rejections(ids);
      long done = System.nanoTime();
      stages.embed()[i] = (embedded - start) / 1000;
      stages.search()[i] = (searched - embedded) / 1000;
      stages.answers()[i] = (answered - searched) / 1000;
      stages.vectors()[i] = (read - answered) / 1000;
      stages.rejections()[i] = (done - read) / 1000;
    }
    for (long[] micros : List.of(stages.embed(), stages.search(), stages.answers(), stages.vectors(), stages.rejections())) {
      Arrays.sort(micros);
    }
    return stages;
  }

  private long[] time(CorrectionMemory memory, List<String> questions, int lookups) {
    long[] micros = new long[lookups];
    for (int i = 0; i < lookups; i++) {
      long start = System.nanoTime();
      memory.recall(USE_CASE, questions.get(i % questions.size()), 3, 0.5);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(micros);
    return micros;
  }

  private static double percentile(long[] sortedMicros, double p) {
    return sortedMicros[Math.max(0, (int) Math.ceil(sortedMicros.length * p) - 1)] / 1000.0;
  }

  /** Clustered: a real question's vector moved by noise to about 0.85 similarity; uniform: random. */
  private static float[] vector(Random random, List<float[]> centres) {
    boolean clustered = "clustered".equals(VECTORS);
    float[] centre = clustered ? centres.get(random.nextInt(centres.size())) : new float[384];
    double sigma = clustered ? 0.032 : 1.0;
    float[] v = new float[centre.length];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (centre[i] + sigma * random.nextGaussian());
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
