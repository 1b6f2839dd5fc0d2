package dev.countersign.automation;

import dev.countersign.BenchmarkReport;
import dev.countersign.StoreTest;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the evidence costs: {@code bench.decisions} decided requests in the window, over 20 use
 * cases and 3 risk tiers, one in ten edited (the edit distance is the expensive part), each with a
 * claimed review; then {@code bench.runs} computations of every pair's evidence, as
 * {@code GET /api/automation/evidence} and each metrics refresh do.
 *
 * <pre>./mvnw test -Pbenchmark -Dtest=EvidenceBenchmark -Dbench.decisions=100000</pre>
 */
@Tag("benchmark")
@StoreTest
class EvidenceBenchmark {

  private static final int DECISIONS = Integer.getInteger("bench.decisions", 100_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 5);
  private static final String DRAFT = "Thank you for writing. Your refund was sent to the card you paid with and "
      + "should arrive within five working days; if it has not, reply to this message and we will look into it.";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/benchmark/evidence-" + UUID.randomUUID());
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired Evidence evidence;

  @Test
  void evidenceOverTheWindow() throws Exception {
    Timestamp at = Timestamp.from(Instant.now().minusSeconds(3_600));
    String drafts = "[{\"text\":\"" + DRAFT + "\",\"piiFound\":false,\"policyHit\":false}]";
    for (int from = 0; from < DECISIONS; from += 5_000) {
      List<Integer> rows = IntStream.range(from, Math.min(DECISIONS, from + 5_000)).boxed().toList();
      jdbc.batchUpdate("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, "
          + "requester, created_at) values (?, 'bench', ?, ?, 'A question', 'requester', ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 20);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setTimestamp(4, at);
          });
      jdbc.batchUpdate("insert into cs_feedback (request_id, use_case, risk_tier, input_text, drafts_json, final_text, "
          + "outcome, decision, reviewer, attempts, requested_at, decided_at, review_millis, review_mode) "
          + "values (?, ?, ?, 'A question', ?, ?, 'APPROVED', ?, 'reviewer', 1, ?, ?, 60000, 'SINGLE')", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            boolean edited = i % 10 == 0;
            ps.setString(1, "request-" + i);
            ps.setString(2, "use-case-" + i % 20);
            ps.setString(3, List.of("low", "medium", "high").get(i % 3));
            ps.setString(4, drafts);
            ps.setString(5, edited ? DRAFT.replace("five working days", "three working days") : DRAFT);
            ps.setString(6, edited ? "edit" : "approve");
            ps.setTimestamp(7, at);
            ps.setTimestamp(8, at);
          });
      jdbc.batchUpdate("insert into cs_review_decision (request_id, task_key, reviewer, decision, claimed_at, decided_at) "
          + "values (?, 'UserTask_ReviewDraft', 'reviewer', 'approve', ?, ?)", rows, rows.size(),
          (PreparedStatement ps, Integer i) -> {
            ps.setString(1, "request-" + i);
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, Timestamp.from(at.toInstant().plusSeconds(90)));
          });
    }
    int pairs = evidence.pairs(Instant.now()).size();
    long[] millis = new long[RUNS];
    long peakHeap = 0;
    for (int run = 0; run < RUNS; run++) {
      System.gc();
      long start = System.nanoTime();
      evidence.pairs(Instant.now());
      millis[run] = (System.nanoTime() - start) / 1_000_000;
      peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    Arrays.sort(millis);
    String report = String.format("""

        Countersign automation evidence benchmark
          decided requests in the window %d (%d pairs, one in ten edited), runs %d
          time per computation           median %d ms, max %d ms
          heap after a computation       %.0f MB (max seen)
        """, DECISIONS, pairs, RUNS, millis[RUNS / 2], millis[RUNS - 1], peakHeap / 1e6);
    BenchmarkReport.publish(report);
  }
}
