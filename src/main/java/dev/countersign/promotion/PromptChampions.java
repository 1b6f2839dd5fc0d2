package dev.countersign.promotion;

import dev.countersign.generation.GenerationProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which prompt version drafts each use case; only candidate-promotion and its rollback change it. */
@Repository
public class PromptChampions {

  public record Champion(String useCase, String promptVersion, String previousVersion, String changedBy,
      Instant changedAt) {}

  private final JdbcTemplate jdbc;
  private final GenerationProperties properties;

  PromptChampions(JdbcTemplate jdbc, GenerationProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** The version in use for {@code useCase}: its champion, or the configured default. */
  public String current(String useCase) {
    return find(useCase).map(Champion::promptVersion).orElse(properties.promptVersion());
  }

  public Optional<Champion> find(String useCase) {
    return jdbc.query("select * from cs_prompt_champion where use_case = ?", (rs, row) -> new Champion(
        rs.getString("use_case"), rs.getString("prompt_version"), rs.getString("previous_version"),
        rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()), useCase)
        .stream().findFirst();
  }

  public List<Champion> all() {
    return jdbc.query("select use_case from cs_prompt_champion order by use_case", (rs, row) -> rs.getString(1))
        .stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** Puts back the champion before the current one; empty when there is none to go back to. */
  public Optional<Champion> rollback(String useCase, String actor) {
    Optional<Champion> now = find(useCase).filter(c -> c.previousVersion() != null);
    now.ifPresent(c -> promote(useCase, c.previousVersion(), actor));
    return now;
  }

  /** Makes {@code version} the champion of {@code useCase}; the one before it is kept for a rollback. */
  public void promote(String useCase, String version, String actor) {
    String previous = current(useCase);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (jdbc.update("update cs_prompt_champion set prompt_version = ?, previous_version = ?, changed_by = ?, "
        + "changed_at = ? where use_case = ?", version, previous, actor, now, useCase) == 0) {
      jdbc.update("insert into cs_prompt_champion (use_case, prompt_version, previous_version, changed_by, changed_at) "
          + "values (?, ?, ?, ?, ?)", useCase, version, previous, actor, now);
    }
  }
}
