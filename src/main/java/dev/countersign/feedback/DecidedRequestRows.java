package dev.countersign.feedback;

import dev.countersign.memory.DecidedRequests;
import dev.countersign.memory.Vectors;
import dev.countersign.system.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** What memory may recall: every request a person decided outside the held-out split, approved or not. */
@Repository
class DecidedRequestRows implements DecidedRequests {

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  DecidedRequestRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  /**
   * Which rows memory may recall. A row's embedding space is written only with its vector (on
   * record, and by re-embedding), so the space alone says it has one, and the index on space, use
   * case and split answers without reading the rows.
   */
  static final String RECALLABLE = recallableIn("?");
  /** {@link #RECALLABLE} with the embedding space given as {@code spaceParameter}. */
  private static String recallableIn(String spaceParameter) {
    return "embedding_space = " + spaceParameter + " and " + Examples.NOT_HELD_OUT + " and " + Examples.BY_PERSON
        + " and retired_by is null";
  }

  /**
   * Numbers a change to a row memory may recall, in the transaction that makes it, so that every
   * process's index (memory.VectorIndex) learns of it.
   */
  static final String CHANGED = "insert into cs_memory_change (request_id) values (?)";
  static final String SIZES = "select use_case, count(*) from cs_feedback where " + RECALLABLE + " group by use_case";

  @Override
  public void scan(String useCase, String embeddingSpace, Instant decidedBefore, Visitor visitor) {
    jdbc.query("select request_id, (" + Examples.APPROVED + "), input_embedding from cs_feedback "
            + "where use_case = ? and decided_at < ? and " + RECALLABLE,
        (RowCallbackHandler) rs -> visitor.visit(rs.getString(1), rs.getBoolean(2), Vectors.fromBytes(rs.getBytes(3))),
        useCase, Timestamp.from(decidedBefore), embeddingSpace);
  }

  @Override
  public Map<String, Long> sizes(String embeddingSpace) {
    Map<String, Long> sizes = new TreeMap<>();
    jdbc.query(SIZES, (RowCallbackHandler) rs -> sizes.put(rs.getString(1), rs.getLong(2)), embeddingSpace);
    return sizes;
  }

  @Override
  public Map<String, Answered> answers(Collection<String> requestIds, String embeddingSpace) {
    Map<String, Answered> answers = new HashMap<>();
    named.query("select request_id, input_text, final_text, case when embedding_space = :space then answer_embedding end "
            + "from cs_feedback where request_id in (:ids)",
        Map.of("ids", requestIds, "space", embeddingSpace),
        (RowCallbackHandler) rs -> {
          byte[] answerVector = rs.getBytes(4);
          answers.put(rs.getString(1), new Answered(rs.getString(2), rs.getString(3),
              answerVector == null ? null : Vectors.fromBytes(answerVector)));
        });
    return answers;
  }

  @Override
  public List<Rejected> rejections(Collection<String> requestIds) {
    return named.query("""
        select d.request_id, d.attempt, r.draft_text, d.reason from cs_review_decision d
        join cs_review_draft r on r.request_id = d.request_id and r.attempt = d.attempt
        where d.decision = :reject and d.request_id in (:ids)""",
        Map.of("reject", Decision.REJECT.value(), "ids", requestIds),
        (rs, row) -> new Rejected(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
  }

  @Override
  public List<Change> changesAfter(long afterSeq, int limit) {
    return jdbc.query("select seq, request_id from cs_memory_change where seq > ? order by seq fetch first ? rows only",
        (rs, row) -> new Change(rs.getLong(1), rs.getString(2)), afterSeq, limit);
  }

  @Override
  public List<Change> changes(Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return named.query("select seq, request_id from cs_memory_change where seq in (:seqs) order by seq",
        Map.of("seqs", seqs), (rs, row) -> new Change(rs.getLong(1), rs.getString(2)));
  }

  @Override
  public Optional<Change> firstChange() {
    return jdbc.query("select seq, request_id from cs_memory_change order by seq fetch first 1 rows only",
        (rs, row) -> new Change(rs.getLong(1), rs.getString(2))).stream().findFirst();
  }

  @Override
  public long lastChange() {
    Long last = jdbc.queryForObject("select max(seq) from cs_memory_change", Long.class);
    return last == null ? 0 : last;
  }

  private static final String RECALLABLE_ROW = "select request_id, use_case, (" + Examples.APPROVED + "), decided_at, "
      + "input_embedding from cs_feedback where ";

  @Override
  public Map<String, Recallable> recallable(Collection<String> requestIds, String embeddingSpace) {
    Map<String, Recallable> rows = new HashMap<>();
    if (!requestIds.isEmpty()) {
      named.query(RECALLABLE_ROW + recallableIn(":space") + " and request_id in (:ids)",
          Map.of("space", embeddingSpace, "ids", requestIds),
          (RowCallbackHandler) rs -> rows.put(rs.getString(1), recallable(rs)));
    }
    return rows;
  }

  @Override
  public List<Recallable> recallableAfter(String embeddingSpace, String afterRequestId, int limit) {
    return jdbc.query(RECALLABLE_ROW + RECALLABLE + " and request_id > ? order by request_id fetch first ? rows only",
        (rs, row) -> recallable(rs), embeddingSpace, afterRequestId, limit);
  }

  private static Recallable recallable(ResultSet rs) throws SQLException {
    return new Recallable(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
        Vectors.fromBytes(rs.getBytes(5)));
  }
}
