package dev.countersign.promotion;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One champion per use case, and the one before it for a rollback: the rule prompt and model
 * champions share. An empty seat means the configured default drafts.
 */
final class ChampionSeats {

  /** @param previous the champion before, or null for the configured default */
  record Seat(String useCase, Object current, Object previous, String changedBy, Instant changedAt) {}

  private final JdbcTemplate jdbc;
  private final String table;
  private final String currentColumn;
  private final String previousColumn;

  ChampionSeats(JdbcTemplate jdbc, String table, String currentColumn, String previousColumn) {
    this.jdbc = jdbc;
    this.table = table;
    this.currentColumn = currentColumn;
    this.previousColumn = previousColumn;
  }

  Optional<Seat> find(String useCase) {
    return jdbc.query("select * from " + table + " where use_case = ?", (rs, row) -> new Seat(
        rs.getString("use_case"), rs.getObject(currentColumn), rs.getObject(previousColumn),
        rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()), useCase)
        .stream().findFirst();
  }

  List<Seat> all() {
    return jdbc.queryForList("select use_case from " + table + " order by use_case", String.class)
        .stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** Seats {@code champion}; the one it replaces ({@code previous}, null for the default) is kept for a rollback. */
  void seat(String useCase, Object champion, Object previous, String actor) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (jdbc.update("update " + table + " set " + currentColumn + " = ?, " + previousColumn + " = ?, changed_by = ?, "
        + "changed_at = ? where use_case = ?", champion, previous, actor, now, useCase) == 0) {
      jdbc.update("insert into " + table + " (use_case, " + currentColumn + ", " + previousColumn + ", changed_by, "
          + "changed_at) values (?, ?, ?, ?, ?)", useCase, champion, previous, actor, now);
    }
  }

  /**
   * Puts back the champion before the current one (which becomes the one to go back to), or the
   * configured default when there was none. Empty when nothing is seated.
   */
  Optional<Seat> rollback(String useCase, String actor) {
    Optional<Seat> now = find(useCase);
    now.ifPresent(seat -> {
      if (seat.previous() == null) {
        jdbc.update("delete from " + table + " where use_case = ?", useCase);
      } else {
        seat(useCase, seat.previous(), seat.current(), actor);
      }
    });
    return now;
  }
}
