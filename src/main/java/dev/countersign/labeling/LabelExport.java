package dev.countersign.labeling;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.system.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams a project's final labels, one item at a time, with how each was reached and every
 * annotator's label: JSON Lines or CSV. Items still being labeled are left out. The export is
 * recorded on the project's evidence chain with its SHA-256.
 */
@Service
class LabelExport {

  private static final Logger log = LoggerFactory.getLogger(LabelExport.class);
  private static final int FETCH_SIZE = 1000;
  private static final int PROGRESS_EVERY = 10_000;
  static final List<String> CSV_COLUMNS = List.of("id", "text", "label", "agreement", "majority_share", "gold",
      "adjudicated_by", "adjudication_reason", "annotations", "decided_at");

  enum Format {
    JSONL, CSV;

    static Format of(String name) {
      for (Format format : values()) {
        if (format.name().equalsIgnoreCase(name)) {
          return format;
        }
      }
      throw new IllegalArgumentException("format must be jsonl or csv, not " + name);
    }
  }

  private record Annotation(String annotator, Object label, String reason) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final AuditTrail audit;

  LabelExport(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, AuditTrail audit) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.json = json;
    this.audit = audit;
  }

  /** Writes the export to {@code sink}; returns how many items it holds. */
  long export(Projects.Project project, Format format, String user, OutputStream sink) throws IOException {
    MessageDigest sha256 = Sha256.digest();
    DigestOutputStream out = new DigestOutputStream(sink, sha256);
    Writer writer = new Writer(project, format, out);
    writer.header();
    // One read transaction: PostgreSQL streams with a fetch size only inside one.
    transaction.executeWithoutResult(status -> jdbc.query(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          select i.id, i.item_text, i.meta_json, i.gold, i.final_json, i.agreement, i.majority_share, i.adjudicated_by,
            i.adjudication_reason, i.decided_at, l.annotator, l.label_json, l.reason
          from cs_labeling_item i left join cs_label l on l.item_id = i.id
          where i.project_id = ? and i.status = 'DONE'
          order by i.id, l.labeled_at, l.annotator""");
      statement.setFetchSize(FETCH_SIZE);
      statement.setString(1, project.id());
      return statement;
    }, writer::row));
    writer.flushItem();
    out.flush();
    String digest = HexFormat.of().formatHex(sha256.digest());
    transaction.executeWithoutResult(status -> audit.append(project.chain(), "labeling.exported", user,
        AuditTrail.details("format", format.name().toLowerCase(), "items", writer.items, "sha256", digest)));
    log.info("Project {} exported as {} by {}: {} items, sha256 {}", project.id(), format, user, writer.items, digest);
    return writer.items;
  }

  /** Gathers each item's rows (one per annotator) and writes the item when the next one begins. */
  private final class Writer {

    private final Projects.Project project;
    private final Format format;
    private final OutputStream out;
    private final List<Annotation> annotations = new ArrayList<>();
    private long itemId = -1;
    private String text;
    private String metaJson;
    private boolean gold;
    private String finalJson;
    private String agreement;
    private Double majorityShare;
    private String adjudicatedBy;
    private String adjudicationReason;
    private Timestamp decidedAt;
    private long items;

    Writer(Projects.Project project, Format format, OutputStream out) {
      this.project = project;
      this.format = format;
      this.out = out;
    }

    void header() throws IOException {
      if (format == Format.CSV) {
        out.write((String.join(",", CSV_COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
    }

    void row(ResultSet rs) throws SQLException {
      long id = rs.getLong("id");
      if (id != itemId) {
        flushItem();
        itemId = id;
        text = rs.getString("item_text");
        metaJson = rs.getString("meta_json");
        gold = rs.getBoolean("gold");
        finalJson = rs.getString("final_json");
        agreement = rs.getString("agreement");
        double share = rs.getDouble("majority_share");
        majorityShare = rs.wasNull() ? null : share;
        adjudicatedBy = rs.getString("adjudicated_by");
        adjudicationReason = rs.getString("adjudication_reason");
        decidedAt = rs.getTimestamp("decided_at");
      }
      String annotator = rs.getString("annotator");
      if (annotator != null) {
        annotations.add(new Annotation(annotator, project.schema().fromJson(rs.getString("label_json")),
            rs.getString("reason")));
      }
    }

    void flushItem() {
      if (itemId < 0) {
        return;
      }
      try {
        if (format == Format.JSONL) {
          jsonLine();
        } else {
          csvLine();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Writing the export failed after " + items + " items", e);
      }
      items++;
      if (items % PROGRESS_EVERY == 0) {
        log.info("Export of project {}: {} items written", project.id(), items);
      }
      annotations.clear();
      itemId = -1;
    }

    private void jsonLine() throws IOException {
      JsonGenerator line = json.getFactory().createGenerator(out);
      line.writeStartObject();
      line.writeNumberField("id", itemId);
      line.writeStringField("text", text);
      if (metaJson != null) {
        line.writeFieldName("meta");
        line.writeRawValue(metaJson);
      }
      line.writeFieldName("label");
      line.writeRawValue(finalJson);
      line.writeStringField("agreement", agreement);
      if (majorityShare != null) {
        line.writeNumberField("majorityShare", majorityShare);
      }
      line.writeBooleanField("gold", gold);
      line.writeStringField("adjudicatedBy", adjudicatedBy);
      line.writeStringField("adjudicationReason", adjudicationReason);
      line.writeArrayFieldStart("annotations");
      for (Annotation annotation : annotations) {
        line.writeStartObject();
        line.writeStringField("annotator", annotation.annotator());
        line.writeObjectField("label", annotation.label());
        line.writeStringField("reason", annotation.reason());
        line.writeEndObject();
      }
      line.writeEndArray();
      line.writeStringField("decidedAt", decidedAt == null ? null : decidedAt.toInstant().toString());
      line.writeEndObject();
      line.flush();
      out.write('\n');
    }

    private void csvLine() throws IOException {
      String annotated = annotations.stream().map(a -> a.annotator() + "=" + shown(a.label()))
          .collect(Collectors.joining("; "));
      List<String> cells = List.of(String.valueOf(itemId), text, shown(project.schema().fromJson(finalJson)),
          agreement, majorityShare == null ? "" : String.valueOf(majorityShare), String.valueOf(gold),
          nullToEmpty(adjudicatedBy), nullToEmpty(adjudicationReason), annotated,
          decidedAt == null ? "" : decidedAt.toInstant().toString());
      out.write((cells.stream().map(LabelExport::csvCell).collect(Collectors.joining(",")) + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Several choices joined by "|", so a cell holds one value a spreadsheet can split. */
  private static String shown(Object label) {
    return LabelSchema.text(label, "|");
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
  static String csvCell(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
