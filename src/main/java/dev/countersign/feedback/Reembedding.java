package dev.countersign.feedback;

import dev.countersign.memory.EmbeddingSpace;
import dev.countersign.system.WorkerProfile;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Memory compares only vectors of the model in use, so after a change of in-process model
 * ({@code EMBEDDING_MODEL}, or a new default on upgrade) earlier decisions would be forgotten.
 * They are embedded again in the background after start-up, in batches, with progress in the log;
 * a restart carries on where it stopped. So are approved decisions from before answers' vectors
 * were stored, whose answers memory otherwise embeds whenever it recalls them. Vectors from a
 * provider (openai, ollama) are not made automatically: each would be a paid call.
 */
@Component
// Engine nodes re-embed; a worker process only reads memory.
@Profile("!" + WorkerProfile.NAME)
class Reembedding {

  private static final Logger log = LoggerFactory.getLogger(Reembedding.class);
  private static final int BATCH = 200;
  private static final String OTHER_MODEL = "(embedding_space is null or embedding_space <> ?)";
  /** Of another model, or approved before answers' vectors were stored. */
  private static final String STALE = "(" + OTHER_MODEL + " or (answer_embedding is null and " + Examples.APPROVED + "))";

  private final JdbcTemplate jdbc;
  private final EmbeddingModel embeddings;
  private final EmbeddingSpace space;
  private final TransactionTemplate transaction;

  Reembedding(JdbcTemplate jdbc, EmbeddingModel embeddings, EmbeddingSpace space, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.embeddings = embeddings;
    this.space = space;
  }

  /** Counting alone scans the table, so even that stays off the start-up path. */
  @EventListener(ApplicationReadyEvent.class)
  void catchUpInTheBackground() {
    Thread worker = new Thread(this::catchUp, "memory-reembedding");
    worker.setDaemon(true);
    worker.start();
  }

  private void catchUp() {
    long stale;
    try {
      stale = stale();
    } catch (DataAccessException e) {
      log.warn("Few-shot memory: could not check for decisions embedded with another model: {}", e.getMessage());
      return;
    }
    if (stale == 0) {
      return;
    }
    if (!space.inProcess()) {
      // Answers without a vector are embedded when recalled; only another model's rows are lost to memory.
      long otherModel = count(OTHER_MODEL);
      if (otherModel > 0) {
        log.warn("Few-shot memory: {} decided requests were embedded with another model than {}; memory does not "
            + "recall them, and they are not embedded again automatically with a provider's model", otherModel,
            space.name());
      }
      return;
    }
    log.info("Few-shot memory: {} decided requests were embedded with another model, or their approved answer not yet; "
        + "embedding them again with {} in the background", stale, space.name());
    reembedAll();
  }

  /** Embeds every stale row again with the model in use; returns how many were. */
  long reembedAll() {
    long total = stale();
    long done = 0;
    long started = System.nanoTime();
    try {
      List<Map<String, Object>> batch;
      do {
        batch = jdbc.queryForList("select request_id, input_text, case when " + Examples.APPROVED
            + " then final_text end as answer from cs_feedback where " + STALE + " fetch first " + BATCH + " rows only",
            space.name());
        for (Map<String, Object> row : batch) {
          DecisionVectors vectors = DecisionVectors.embed(embeddings, (String) row.get("input_text"), (String) row.get("answer"));
          transaction.executeWithoutResult(status -> {
            jdbc.update("update cs_feedback set input_embedding = ?, answer_embedding = ?, embedding_space = ? "
                + "where request_id = ?", vectors.input(), vectors.answer(), space.name(), row.get("request_id"));
            jdbc.update(DecidedRequestRows.CHANGED, row.get("request_id"));
          });
        }
        done += batch.size();
        if (!batch.isEmpty()) {
          log.info("Few-shot memory: {} of {} decided requests embedded again with {}", done, total, space.name());
        }
      } while (!batch.isEmpty());
    } catch (RuntimeException e) {
      log.error("Few-shot memory: embedding again stopped after {} of {}; the next start carries on", done, total, e);
      return done;
    }
    if (done > 0) {
      log.info("Few-shot memory: done, {} decided requests embedded again in {} s", done,
          (System.nanoTime() - started) / 1_000_000_000);
    }
    return done;
  }

  private long stale() {
    return count(STALE);
  }

  private long count(String condition) {
    return jdbc.queryForObject("select count(*) from cs_feedback where " + condition, Long.class, space.name());
  }
}
