package dev.countersign.labeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds items to a project from JSON Lines, streamed: one {@code {"text": ..., "meta": {...}}} or
 * {@code {"text": ..., "gold": label}} a line, written in batches, so memory stays flat whatever the
 * size. One transaction: a bad line refuses the whole upload, with its line number, and nothing of
 * it is kept. Items wait as QUEUED until {@link ItemStarter} starts their process.
 */
@Service
class ItemUpload {

  private static final Logger log = LoggerFactory.getLogger(ItemUpload.class);
  private static final Set<String> FIELDS = Set.of("text", "meta", "gold");
  private static final int BATCH = 500;
  private static final int PROGRESS_EVERY = 10_000;

  record Uploaded(String uploadId, long items, long gold, String sha256) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final AuditTrail audit;
  private final LabelingProperties properties;

  ItemUpload(JdbcTemplate jdbc, ObjectMapper json, AuditTrail audit, LabelingProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.properties = properties;
  }

  /** @throws InvalidUploadException at the first bad line; the transaction then keeps nothing */
  @Transactional
  Uploaded upload(Projects.Project project, InputStream body, String user) {
    String uploadId = UUID.randomUUID().toString();
    MessageDigest sha256 = Sha256.digest();
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> batch = new ArrayList<>(BATCH);
    long items = 0;
    long gold = 0;
    long started = System.nanoTime();
    Lines lines = new Lines(new BufferedReader(
        new InputStreamReader(new DigestInputStream(body, sha256), StandardCharsets.UTF_8), 1 << 16),
        properties.maxItemChars() * 2 + 1000);
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isBlank()) {
        continue;
      }
      Object[] row = row(project, uploadId, lines.number(), line, now);
      items++;
      if (row[6] != null) {
        gold++;
      }
      batch.add(row);
      if (batch.size() == BATCH) {
        insert(batch);
      }
      if (items % PROGRESS_EVERY == 0) {
        log.info("Upload {} to project {}: {} items read", uploadId, project.id(), items);
      }
    }
    insert(batch);
    if (items == 0) {
      throw new InvalidUploadException(0, "The upload has no items: send one JSON object a line");
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    audit.append(project.chain(), "labeling.items-uploaded", user, AuditTrail.details("uploadId", uploadId,
        "items", items, "goldItems", gold, "sha256", digest));
    log.info("Upload {} to project {} by {}: {} items ({} gold) in {} ms", uploadId, project.id(), user, items, gold,
        (System.nanoTime() - started) / 1_000_000);
    return new Uploaded(uploadId, items, gold, digest);
  }

  private Object[] row(Projects.Project project, String uploadId, int lineNo, String line, Timestamp now) {
    JsonNode item;
    try {
      item = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidUploadException(lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (item == null || !item.isObject()) {
      throw new InvalidUploadException(lineNo, "each line must be a JSON object such as {\"text\": \"...\"}");
    }
    for (Iterator<String> names = item.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidUploadException(lineNo, "unknown field \"" + name + "\": an item has text, meta and gold");
      }
    }
    JsonNode text = item.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw new InvalidUploadException(lineNo, "\"text\" is required and must be a non-blank string");
    }
    if (text.asText().length() > properties.maxItemChars()) {
      throw new InvalidUploadException(lineNo, "\"text\" is longer than " + properties.maxItemChars() + " characters");
    }
    JsonNode meta = item.get("meta");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      throw new InvalidUploadException(lineNo, "\"meta\" must be a JSON object");
    }
    String goldJson = null;
    JsonNode gold = item.get("gold");
    if (gold != null && !gold.isNull()) {
      try {
        goldJson = project.schema().toJson(project.schema().parse(gold));
      } catch (IllegalArgumentException e) {
        throw new InvalidUploadException(lineNo, "\"gold\": " + e.getMessage());
      }
    }
    return new Object[] {project.id(), uploadId, lineNo, text.asText(),
        meta == null || meta.isNull() ? null : meta.toString(), goldJson != null, goldJson, now};
  }

  private void insert(List<Object[]> batch) {
    if (batch.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("""
        insert into cs_labeling_item (project_id, upload_id, line_no, item_text, meta_json, gold, gold_json, status,
          created_at)
        values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)""", batch);
    batch.clear();
  }

  /** Lines of a reader, each at most {@code maxChars} long, so one endless line cannot fill the heap. */
  private static final class Lines implements Iterator<String> {

    private final Reader reader;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();
    private int number;
    private boolean ended;
    private String next;

    Lines(Reader reader, int maxChars) {
      this.reader = reader;
      this.maxChars = maxChars;
    }

    int number() {
      return number;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !ended) {
        next = read();
      }
      return next != null;
    }

    @Override
    public String next() {
      hasNext();
      String line = next;
      next = null;
      return line;
    }

    private String read() {
      line.setLength(0);
      try {
        int c;
        while ((c = reader.read()) != -1) {
          if (c == '\n') {
            number++;
            return stripCarriageReturn();
          }
          if (line.length() == maxChars) {
            throw new InvalidUploadException(number + 1, "line is longer than " + maxChars + " characters");
          }
          line.append((char) c);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Reading the upload failed", e);
      }
      ended = true;
      if (line.isEmpty()) {
        return null;
      }
      number++;
      return stripCarriageReturn();
    }

    private String stripCarriageReturn() {
      int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
      return line.substring(0, end);
    }
  }
}
