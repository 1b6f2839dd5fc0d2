package dev.countersign.promotion;

import dev.countersign.generation.GenerationProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which prompt version drafts each use case; only candidate-promotion and its rollback change it. */
@Repository
public class PromptChampions {

  public record Champion(String useCase, String promptVersion, String previousVersion, String changedBy,
      Instant changedAt) {}

  private final ChampionSeats seats;
  private final GenerationProperties properties;

  PromptChampions(JdbcTemplate jdbc, GenerationProperties properties) {
    this.seats = new ChampionSeats(jdbc, "cs_prompt_champion", "prompt_version", "previous_version");
    this.properties = properties;
  }

  /** The version in use for {@code useCase}: its champion, or the configured default. */
  public String current(String useCase) {
    return find(useCase).map(Champion::promptVersion).orElse(properties.promptVersion());
  }

  public Optional<Champion> find(String useCase) {
    return seats.find(useCase).map(PromptChampions::champion);
  }

  public List<Champion> all() {
    return seats.all().stream().map(PromptChampions::champion).toList();
  }

  /** Puts back the champion before the current one; empty when there is none to go back to. */
  public Optional<Champion> rollback(String useCase, String actor) {
    return seats.rollback(useCase, actor).map(PromptChampions::champion);
  }

  /**
   * Makes {@code version} the champion of {@code useCase}; the one before it, the configured
   * default the first time, is kept for a rollback.
   */
  public void promote(String useCase, String version, String actor) {
    seats.seat(useCase, version, current(useCase), actor);
  }

  private static Champion champion(ChampionSeats.Seat seat) {
    return new Champion(seat.useCase(), (String) seat.current(), (String) seat.previous(), seat.changedBy(),
        seat.changedAt());
  }
}
