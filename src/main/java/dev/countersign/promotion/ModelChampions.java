package dev.countersign.promotion;

import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which model candidate drafts each use case, beside its prompt champion. None: the configured
 * model with live few-shot memory. Only candidate-promotion and its rollback change it.
 */
@Repository
public class ModelChampions {

  /** @param previous the champion before, or null for the configured model */
  public record Champion(String useCase, ModelCandidate current, ModelCandidate previous, String changedBy,
      Instant changedAt) {}

  private final JdbcTemplate jdbc;
  private final ModelCandidates candidates;

  ModelChampions(JdbcTemplate jdbc, ModelCandidates candidates) {
    this.jdbc = jdbc;
    this.candidates = candidates;
  }

  public Optional<ModelCandidate> current(String useCase) {
    return find(useCase).map(Champion::current);
  }

  public Optional<Champion> find(String useCase) {
    return jdbc.query("select * from cs_model_champion where use_case = ?", (rs, row) -> new Champion(
        rs.getString("use_case"), candidates.find(rs.getLong("candidate_id")).orElseThrow(),
        (Long) rs.getObject("previous_candidate", Long.class) == null ? null
            : candidates.find(rs.getLong("previous_candidate")).orElseThrow(),
        rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()), useCase)
        .stream().findFirst();
  }

  public List<Champion> all() {
    return jdbc.queryForList("select use_case from cs_model_champion order by use_case", String.class)
        .stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** Makes {@code candidate} the champion of its use case; the one before it is kept for a rollback. */
  public void promote(ModelCandidate candidate, String actor) {
    Long previous = current(candidate.useCase()).map(ModelCandidate::id).orElse(null);
    set(candidate.useCase(), candidate.id(), previous, actor);
  }

  /**
   * Puts back the champion before the current one, or the configured model when there was none.
   * Empty when the use case has no champion to roll back.
   */
  public Optional<Champion> rollback(String useCase, String actor) {
    Optional<Champion> now = find(useCase);
    now.ifPresent(c -> {
      if (c.previous() == null) {
        jdbc.update("delete from cs_model_champion where use_case = ?", useCase);
      } else {
        set(useCase, c.previous().id(), c.current().id(), actor);
      }
    });
    return now;
  }

  private void set(String useCase, long candidate, Long previous, String actor) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("delete from cs_model_champion where use_case = ?", useCase);
    jdbc.update("insert into cs_model_champion (use_case, candidate_id, previous_candidate, changed_by, changed_at) "
        + "values (?, ?, ?, ?, ?)", useCase, candidate, previous, actor, now);
  }
}
