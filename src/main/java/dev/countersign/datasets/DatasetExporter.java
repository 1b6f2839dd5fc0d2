package dev.countersign.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.feedback.Examples;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.generation.PromptLibrary;
import dev.countersign.system.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes training datasets as JSONL straight from the feedback store, row by row, so memory does
 * not grow with the export. Each export is deterministic (ordered by content hash, then request
 * id), skips duplicate examples, never includes the held-out split, and is recorded with its
 * filter, line count and SHA-256.
 */
@Service
public class DatasetExporter {

  private static final Logger log = LoggerFactory.getLogger(DatasetExporter.class);
  private static final int FETCH_SIZE = 500;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Which decided requests to export; every part is optional. {@code to} is exclusive. */
  public record Filter(String useCase, Instant from, Instant to, String promptVersion) {}

  public record Summary(long exportId, String format, long examples, long lines, long bytes, String sha256) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final PromptLibrary prompts;
  private final DatasetProperties properties;
  private final FeedbackStore feedback;
  private final String defaultPrompt;

  DatasetExporter(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, PromptLibrary prompts,
      DatasetProperties properties, FeedbackStore feedback, @Value("${countersign.generation.prompt-version:draft-v1}") String defaultPrompt) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.json = json;
    this.prompts = prompts;
    this.properties = properties;
    this.feedback = feedback;
    this.defaultPrompt = defaultPrompt;
  }

  public Summary export(DatasetFormat format, Filter filter, String requestedBy, OutputStream sink) {
    long id = begin(format, filter, requestedBy);
    DigestOutputStream out = new DigestOutputStream(sink, Sha256.digest());
    Progress progress = new Progress(id, format);
    try {
      feedback.backfill();
      // One read transaction: PostgreSQL streams with a fetch size only inside one.
      transaction.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
        boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        Query query = Query.of(filter, h2);
        if (h2) {
          lazy(connection, true);
        }
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
          statement.setFetchSize(FETCH_SIZE);
          for (int i = 0; i < query.args().size(); i++) {
            statement.setObject(i + 1, query.args().get(i));
          }
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              write(format, rs, out, progress);
            }
          }
        } finally {
          if (h2) {
            lazy(connection, false);
          }
        }
        return null;
      }));
      out.flush();
    } catch (IOException | RuntimeException e) {
      finish(id, progress, null, "FAILED");
      log.error("Dataset export {} ({}) failed after {} lines: {}", id, format.id, progress.lines, e.getMessage());
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    String sha256 = HexFormat.of().formatHex(out.getMessageDigest().digest());
    finish(id, progress, sha256, "DONE");
    log.info("Dataset export {} ({}) for {}: {} examples, {} lines, {} bytes, sha256 {}", id, format.id, requestedBy,
        progress.examples, progress.lines, progress.bytes, sha256);
    return new Summary(id, format.id, progress.examples, progress.lines, progress.bytes, sha256);
  }

  /**
   * H2 otherwise reads every row of a query into its result before handing over the first, in
   * memory up to a share of the heap and then in a temporary file. The connection goes back to the
   * pool as it came.
   */
  private static void lazy(Connection connection, boolean on) throws SQLException {
    try (Statement set = connection.createStatement()) {
      set.execute("set lazy_query_execution " + on);
    }
  }

  /**
   * The rows an export reads, in its order. The index on (content_hash, request_id) gives that
   * order, so nothing is sorted and the first row comes at once. H2 is told to walk it: given a
   * filter, it would otherwise take the filter's index and sort what it finds.
   */
  record Query(String sql, List<Object> args) {

    static Query of(Filter filter, boolean h2) {
      StringBuilder sql = new StringBuilder("select request_id, use_case, input_text, drafts_json, final_text, "
          + "prompt_version, content_hash from cs_feedback" + (h2 ? " use index (cs_feedback_export)" : "")
          + " where " + Examples.TRAINING);
      List<Object> args = new ArrayList<>();
      condition(sql, args, " and use_case = ?", filter.useCase());
      condition(sql, args, " and decided_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
      condition(sql, args, " and decided_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
      condition(sql, args, " and prompt_version = ?", filter.promptVersion());
      sql.append(" order by content_hash, request_id");
      return new Query(sql.toString(), args);
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
      if (value != null) {
        sql.append(clause);
        args.add(value);
      }
    }
  }

  /** One recorded export; {@code sha256} is of exactly the bytes that were sent. */
  record ExportRecord(long id, String format, JsonNode filter, String requestedBy, Instant startedAt,
      Instant finishedAt, Long lines, Long bytes, String sha256, String status) {}

  /** Recent exports, newest first. */
  List<ExportRecord> history(int limit) {
    return jdbc.query("select * from cs_dataset_export order by id desc fetch first ? rows only", (rs, row) -> {
      OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
      JsonNode filter;
      try {
        filter = json.readTree(rs.getString("filter_json"));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return new ExportRecord(rs.getLong("id"), rs.getString("format"), filter, rs.getString("requested_by"),
          rs.getObject("started_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
          rs.getObject("line_count", Long.class), rs.getObject("byte_count", Long.class), rs.getString("sha256"),
          rs.getString("status"));
    }, limit);
  }

  private final class Progress {
    final long id;
    final DatasetFormat format;
    final long started = System.nanoTime();
    long examples;
    long lines;
    long bytes;
    String group;
    final Set<String> groupRejected = new LinkedHashSet<>();

    Progress(long id, DatasetFormat format) {
      this.id = id;
      this.format = format;
    }

    void line(int length) {
      lines++;
      bytes += length;
      if (lines % properties.progressEvery() == 0) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Dataset export {} ({}): {} lines, {} MB, {} lines/s", id, format.id, lines,
            String.format("%.1f", bytes / 1e6), String.format("%.0f", lines / seconds));
      }
    }
  }

  private void write(DatasetFormat format, ResultSet rs, OutputStream out, Progress progress) throws SQLException {
    String hash = rs.getString("content_hash");
    boolean duplicate = hash.equals(progress.group);
    if (!duplicate) {
      progress.group = hash;
      progress.groupRejected.clear();
    } else if (format == DatasetFormat.OPENAI_SFT) {
      return;
    }
    String approved = rs.getString("final_text");
    String approvedNormalised = normalise(approved);
    List<String> rejected = new ArrayList<>();
    for (String draft : drafts(rs.getString("drafts_json"))) {
      String normalised = normalise(draft);
      if (!normalised.equals(approvedNormalised) && progress.groupRejected.add(normalised)) {
        rejected.add(draft);
      }
    }
    RenderedPrompt prompt = promptOf(rs.getString("prompt_version"));
    DatasetFormat.Example example = new DatasetFormat.Example(prompt.system(),
        prompt.user().fill(rs.getString("use_case"), rs.getString("input_text")), approved, rejected);
    progress.examples++;
    try {
      for (ObjectNode line : format.lines(example, json)) {
        byte[] bytes = json.writeValueAsBytes(line);
        out.write(bytes);
        out.write('\n');
        progress.line(bytes.length + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** By the version a row names. */
  private final Map<String, RenderedPrompt> renderedPrompts = new ConcurrentHashMap<>();

  private record RenderedPrompt(String system, UserPrompt user) {}

  /**
   * A user prompt rendered once per version with markers in place of the use case and input, so
   * a million rows do not parse the template a million times. The template engine inserts values
   * as they are, so filling the markers gives the same text as rendering each row.
   */
  private record UserPrompt(String rendered) {
    static final String USE_CASE = "\u0000use-case\u0000";
    static final String INPUT = "\u0000input\u0000";

    String fill(String useCase, String input) {
      StringBuilder text = new StringBuilder(rendered.length() + input.length() + useCase.length());
      int at = 0;
      while (at < rendered.length()) {
        int u = rendered.indexOf(USE_CASE, at);
        int i = rendered.indexOf(INPUT, at);
        int next = u < 0 ? i : i < 0 ? u : Math.min(u, i);
        if (next < 0) {
          text.append(rendered, at, rendered.length());
          break;
        }
        text.append(rendered, at, next).append(next == u ? useCase : input);
        at = next + (next == u ? USE_CASE.length() : INPUT.length());
      }
      return text.toString();
    }
  }

  /** The row's prompt, or today's where the row's template no longer exists. */
  private RenderedPrompt promptOf(String version) {
    return renderedPrompts.computeIfAbsent(version == null ? defaultPrompt : version, v -> {
      String known = prompts.has(v, "system") ? v : defaultPrompt;
      return new RenderedPrompt(prompts.render(known, "system", Map.of()), new UserPrompt(prompts.render(known, "user",
          Map.of("useCase", UserPrompt.USE_CASE, "input", UserPrompt.INPUT, "revision", "", "examples", ""))));
    });
  }

  private List<String> drafts(String draftsJson) {
    List<String> texts = new ArrayList<>();
    try {
      for (JsonNode draft : json.readTree(draftsJson)) {
        texts.add(draft.path("text").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable drafts in the feedback store: " + e.getOriginalMessage(), e);
    }
    return texts;
  }

  private static String normalise(String text) {
    return WHITESPACE.matcher(text.strip()).replaceAll(" ");
  }

  private long begin(DatasetFormat format, Filter filter, String requestedBy) {
    Map<String, Object> filterMap = new LinkedHashMap<>();
    filterMap.put("useCase", filter.useCase());
    filterMap.put("from", filter.from() == null ? null : filter.from().toString());
    filterMap.put("to", filter.to() == null ? null : filter.to().toString());
    filterMap.put("promptVersion", filter.promptVersion());
    String filterJson;
    try {
      filterJson = json.writeValueAsString(filterMap);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("insert into cs_dataset_export (format, filter_json, "
          + "requested_by, started_at, status) values (?, ?, ?, ?, 'RUNNING')", new String[] {"id"});
      insert.setString(1, format.id);
      insert.setString(2, filterJson);
      insert.setString(3, requestedBy);
      insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      return insert;
    }, key);
    long id = key.getKey().longValue();
    log.info("Dataset export {} ({}) started by {} with filter {}", id, format.id, requestedBy, filterJson);
    return id;
  }

  private void finish(long id, Progress progress, String sha256, String status) {
    jdbc.update("update cs_dataset_export set finished_at = ?, line_count = ?, byte_count = ?, sha256 = ?, status = ? "
        + "where id = ?", OffsetDateTime.now(ZoneOffset.UTC), progress.lines, progress.bytes, sha256, status, id);
  }
}
