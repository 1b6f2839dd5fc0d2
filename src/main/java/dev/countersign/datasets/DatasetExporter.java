package dev.countersign.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.feedback.FeedbackStore;
import dev.countersign.generation.PromptLibrary;
import dev.countersign.system.Sha256;
import dev.countersign.system.WordDiff;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.sql.PreparedStatement;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
      try (ExportRows rows = ExportRows.start(jdbc, transaction, filter, "dataset-export-" + id + "-reader")) {
        for (ExportRows.Row row = rows.next(); row != null; row = rows.next()) {
          write(format, row, out, progress);
        }
      }
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

  private void write(DatasetFormat format, ExportRows.Row row, OutputStream out, Progress progress) {
    String hash = row.contentHash();
    boolean duplicate = hash.equals(progress.group);
    if (!duplicate) {
      progress.group = hash;
      progress.groupRejected.clear();
    } else if (format == DatasetFormat.OPENAI_SFT) {
      return;
    }
    String approved = row.finalText();
    String approvedNormalised = WordDiff.normalise(approved);
    List<String> rejected = new ArrayList<>();
    for (String draft : drafts(row.draftsJson())) {
      String normalised = WordDiff.normalise(draft);
      if (!normalised.equals(approvedNormalised) && progress.groupRejected.add(normalised)) {
        rejected.add(draft);
      }
    }
    RenderedPrompt prompt = promptOf(row.promptVersion());
    DatasetFormat.Example example = new DatasetFormat.Example(prompt.system(),
        prompt.user().fill(row.useCase(), row.input()), approved, rejected);
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
