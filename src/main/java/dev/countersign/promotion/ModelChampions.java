package dev.countersign.promotion;

import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.time.Instant;
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

  private final ChampionSeats seats;
  private final ModelCandidates candidates;

  ModelChampions(JdbcTemplate jdbc, ModelCandidates candidates) {
    this.seats = new ChampionSeats(jdbc, "cs_model_champion", "candidate_id", "previous_candidate");
    this.candidates = candidates;
  }

  public Optional<ModelCandidate> current(String useCase) {
    return find(useCase).map(Champion::current);
  }

  public Optional<Champion> find(String useCase) {
    return seats.find(useCase).map(this::champion);
  }

  public List<Champion> all() {
    return seats.all().stream().map(this::champion).toList();
  }

  /** Makes {@code candidate} the champion of its use case; the one before it is kept for a rollback. */
  public void promote(ModelCandidate candidate, String actor) {
    seats.seat(candidate.useCase(), candidate.id(), current(candidate.useCase()).map(ModelCandidate::id).orElse(null),
        actor);
  }

  /**
   * Puts back the champion before the current one, or the configured model when there was none.
   * Empty when the use case has no champion to roll back.
   */
  public Optional<Champion> rollback(String useCase, String actor) {
    return seats.rollback(useCase, actor).map(this::champion);
  }

  private Champion champion(ChampionSeats.Seat seat) {
    return new Champion(seat.useCase(), candidate(seat.current()), seat.previous() == null ? null
        : candidate(seat.previous()), seat.changedBy(), seat.changedAt());
  }

  private ModelCandidate candidate(Object id) {
    return candidates.find(((Number) id).longValue()).orElseThrow();
  }
}
