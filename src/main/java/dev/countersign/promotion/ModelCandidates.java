package dev.countersign.promotion;

import dev.countersign.generation.DraftModel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Model candidates: what a fine-tune job produced (a model id), a snapshot of the few-shot memory
 * (the offline backend), or a model id a model owner proposed. Only candidate-promotion makes one
 * the model a use case drafts with.
 */
@Repository
public class ModelCandidates {

  /** The offline backend: no model id; drafting recalls only memories decided before {@code feedbackUntil}. */
  public static final String MEMORY_SNAPSHOT = "memory-snapshot";
  public static final String OPENAI = "openai";
  /** A model id proposed by a person (fine-tuned elsewhere). */
  public static final String PROPOSED = "proposed";

  public enum Status { TRAINING, READY, FAILED, PROMOTED, REJECTED }

  /**
   * @param model the model id drafting asks the provider for; null for a memory snapshot
   * @param feedbackUntil decisions before this instant are in its training data (exclusive)
   */
  public record ModelCandidate(long id, String useCase, String backend, String baseModel, String model,
      Instant feedbackUntil, long trainingExamples, Long datasetExportId, String datasetSha256, String jobId,
      Status status, String error, String createdBy, Instant createdAt, Instant finishedAt) {

    /** How candidates are named in processes, business keys and the evidence trail. */
    public String name() {
      return name(id);
    }

    public static String name(long id) {
      return "model-" + id;
    }

    /** Parses {@link #name()}. */
    public static long id(String name) {
      if (name == null || !name.startsWith("model-")) {
        throw new IllegalArgumentException("Not a model candidate: " + name);
      }
      return Long.parseLong(name.substring("model-".length()));
    }

    public boolean isMemorySnapshot() {
      return MEMORY_SNAPSHOT.equals(backend);
    }

    /** What drafting needs to know to draft with it. */
    public DraftModel drafting() {
      return new DraftModel(name(), model, isMemorySnapshot() ? feedbackUntil : null);
    }

    /** One line for people: what it is and what it learned from. */
    public String describe() {
      return isMemorySnapshot()
          ? "few-shot memory snapshot of " + trainingExamples + " approved examples decided before " + feedbackUntil
          : model + " (" + backend + (jobId == null ? "" : ", job " + jobId)
              + (trainingExamples > 0 ? ", " + trainingExamples + " training examples" : "") + ")";
    }
  }

  private final JdbcTemplate jdbc;

  ModelCandidates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A candidate whose training is about to start. */
  public ModelCandidate create(String useCase, String backend, String baseModel, String model, Instant feedbackUntil,
      long trainingExamples, Long datasetExportId, String datasetSha256, String createdBy) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into cs_model_candidate (use_case, backend, base_model, model, feedback_until, training_examples,
            dataset_export_id, dataset_sha256, status, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
          new String[] {"id"});
      statement.setString(1, useCase);
      statement.setString(2, backend);
      statement.setString(3, baseModel);
      statement.setString(4, model);
      statement.setTimestamp(5, Timestamp.from(feedbackUntil));
      statement.setLong(6, trainingExamples);
      statement.setObject(7, datasetExportId);
      statement.setString(8, datasetSha256);
      statement.setString(9, (model == null ? Status.TRAINING : Status.READY).name());
      statement.setString(10, createdBy);
      statement.setObject(11, OffsetDateTime.now(ZoneOffset.UTC));
      return statement;
    }, key);
    return find(key.getKey().longValue()).orElseThrow();
  }

  public void jobStarted(long id, String jobId) {
    jdbc.update("update cs_model_candidate set job_id = ? where id = ?", jobId, id);
  }

  public void trained(long id, String model) {
    jdbc.update("update cs_model_candidate set model = coalesce(?, model), status = 'READY', finished_at = ? "
        + "where id = ?", model, OffsetDateTime.now(ZoneOffset.UTC), id);
  }

  public void failed(long id, String error) {
    jdbc.update("update cs_model_candidate set status = 'FAILED', error = ?, finished_at = ? where id = ?",
        error, OffsetDateTime.now(ZoneOffset.UTC), id);
  }

  public void decided(long id, Status status) {
    jdbc.update("update cs_model_candidate set status = ? where id = ?", status.name(), id);
  }

  public Optional<ModelCandidate> find(long id) {
    return jdbc.query("select * from cs_model_candidate where id = ?", ModelCandidates::row, id).stream().findFirst();
  }

  /** The candidate trained on a dataset export, if one was made. */
  public Optional<ModelCandidate> findByExport(long exportId) {
    return jdbc.query("select * from cs_model_candidate where dataset_export_id = ?", ModelCandidates::row, exportId)
        .stream().findFirst();
  }

  /** Newest first; {@code useCase} null for all. */
  public List<ModelCandidate> list(String useCase, int limit) {
    return useCase == null
        ? jdbc.query("select * from cs_model_candidate order by id desc fetch first ? rows only", ModelCandidates::row,
            limit)
        : jdbc.query("select * from cs_model_candidate where use_case = ? order by id desc fetch first ? rows only",
            ModelCandidates::row, useCase, limit);
  }

  /**
   * Where the last retraining of {@code useCase} that did not fail drew its line: feedback decided
   * since then is new. Empty before the first.
   */
  public Optional<Instant> trainedUntil(String useCase) {
    Timestamp until = jdbc.queryForObject("select max(feedback_until) from cs_model_candidate where use_case = ? "
        + "and backend <> ? and status <> 'FAILED'", Timestamp.class, useCase, PROPOSED);
    return Optional.ofNullable(until).map(Timestamp::toInstant);
  }

  private static ModelCandidate row(ResultSet rs, int row) throws SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new ModelCandidate(rs.getLong("id"), rs.getString("use_case"), rs.getString("backend"),
        rs.getString("base_model"), rs.getString("model"), rs.getTimestamp("feedback_until").toInstant(),
        rs.getLong("training_examples"), (Long) rs.getObject("dataset_export_id", Long.class),
        rs.getString("dataset_sha256"), rs.getString("job_id"), Status.valueOf(rs.getString("status")),
        rs.getString("error"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        finished == null ? null : finished.toInstant());
  }
}
