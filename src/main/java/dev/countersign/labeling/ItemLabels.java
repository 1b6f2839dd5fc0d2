package dev.countersign.labeling;

import dev.countersign.oversight.AuditTrail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * One item's labels: who may give one, what each person gave, what they add up to, and the label
 * that stands. Engine-free; a refusal is an {@link IllegalArgumentException} whose message is shown
 * to the person. Every step is appended to the item's evidence chain, in the caller's transaction.
 */
@Service
class ItemLabels {

  private static final Logger log = LoggerFactory.getLogger(ItemLabels.class);

  /** One person's label on an item, in its stored form. */
  record Given(String annotator, Object label, String reason) {}

  /**
   * The item's labels once they are all in.
   *
   * @param goldLabel the known answer of a gold item, else null
   */
  record Assessment(ItemVerdict verdict, boolean gold, Object goldLabel, LabelSchema schema) {

    /** The label that stands unless someone adjudicates: the known answer, or the majority's. */
    Object standing() {
      return gold ? goldLabel : verdict.majority();
    }

    String agreement() {
      return gold ? "GOLD" : verdict.unanimous() ? "UNANIMOUS" : "MAJORITY";
    }
  }

  private record ItemRow(long id, String projectId, String chain, LabelSchema schema, String goldJson) {}

  private final JdbcTemplate jdbc;
  private final Projects projects;
  private final AuditTrail audit;

  ItemLabels(JdbcTemplate jdbc, Projects projects, AuditTrail audit) {
    this.jdbc = jdbc;
    this.projects = projects;
    this.audit = audit;
  }

  /**
   * Refuses a person a second label on one item.
   *
   * @param labelingElsewhere whether they hold another of the item's labeling tasks
   */
  void checkAnnotator(long itemId, String person, boolean labelingElsewhere) {
    if (person == null) {
      return;
    }
    if (labelingElsewhere || hasLabeled(itemId, person)) {
      throw new IllegalArgumentException("Distinct annotators: " + person + " already labels item " + itemId
          + ", and each of its labels must come from a different person");
    }
  }

  /** An item's annotator may not adjudicate it: the adjudication must be a fresh pair of eyes. */
  void checkAdjudicator(long itemId, String person) {
    if (person != null && hasLabeled(itemId, person)) {
      throw new IllegalArgumentException("Four eyes: " + person + " labeled item " + itemId
          + ", so someone who did not must adjudicate it");
    }
  }

  /** Checks and stores one person's label. */
  void give(long itemId, String taskId, String annotator, Object submitted, String reason) {
    if (annotator == null) {
      throw new IllegalArgumentException("Claim the task before completing it: every label needs a named annotator");
    }
    checkAnnotator(itemId, annotator, false);
    ItemRow item = item(itemId);
    Object label = item.schema().parse(submitted);
    String labelJson = item.schema().toJson(label);
    jdbc.update("insert into cs_label (item_id, annotator, label_json, reason, task_id, labeled_at) values (?, ?, ?, ?, ?, ?)",
        itemId, annotator, labelJson, blankToNull(reason), taskId, Timestamp.from(Instant.now()));
    audit.append(item.chain(), "labeling.label-given", annotator, AuditTrail.details("taskId", taskId,
        "label", label, "reason", blankToNull(reason)));
    log.debug("Item {}: {} labeled {}", itemId, annotator, labelJson);
  }

  private List<Given> given(ItemRow item) {
    LabelSchema schema = item.schema();
    long itemId = item.id();
    return jdbc.query("select annotator, label_json, reason from cs_label where item_id = ? order by labeled_at, annotator",
        (rs, row) -> new Given(rs.getString("annotator"), schema.fromJson(rs.getString("label_json")),
            rs.getString("reason")), itemId);
  }

  Assessment assess(long itemId) {
    ItemRow item = item(itemId);
    List<Given> given = given(item);
    if (given.isEmpty()) {
      throw new IllegalStateException("Item " + itemId + " has no labels to assess");
    }
    ItemVerdict verdict = ItemVerdict.of(given.stream().map(Given::label).toList());
    Object gold = item.goldJson() == null ? null : item.schema().fromJson(item.goldJson());
    Assessment assessment = new Assessment(verdict, gold != null, gold, item.schema());
    audit.append(item.chain(), "labeling.labels-assessed", AuditTrail.SYSTEM, AuditTrail.details(
        "labels", verdict.labels(), "majority", verdict.majority(), "majorityShare", verdict.majorityShare(),
        "unanimous", verdict.unanimous(), "tied", verdict.tied()));
    return assessment;
  }

  /** Every label with its reason, as the adjudicator reads them. */
  String annotationsText(long itemId) {
    StringBuilder text = new StringBuilder();
    for (Given one : given(item(itemId))) {
      text.append(one.annotator()).append(": ").append(shown(one.label()));
      if (one.reason() != null) {
        text.append(" (").append(one.reason()).append(')');
      }
      text.append('\n');
    }
    return text.toString().strip();
  }

  void awaitAdjudication(long itemId) {
    jdbc.update("update cs_labeling_item set status = 'ADJUDICATION' where id = ?", itemId);
  }

  /** The adjudicator's label, checked; returned in its stored form as JSON. */
  String adjudicate(long itemId, String adjudicator, Object submitted, String reason) {
    if (adjudicator == null) {
      throw new IllegalArgumentException("Claim the task before completing it: every adjudication needs a named person");
    }
    checkAdjudicator(itemId, adjudicator);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Give the reason for the label you decide: it goes to the evidence trail");
    }
    ItemRow item = item(itemId);
    Object label = item.schema().parse(submitted);
    jdbc.update("update cs_labeling_item set adjudicated_by = ?, adjudication_reason = ? where id = ?", adjudicator,
        reason.strip(), itemId);
    audit.append(item.chain(), "labeling.adjudicated", adjudicator, AuditTrail.details("label", label,
        "reason", reason.strip()));
    return item.schema().toJson(label);
  }

  /** The label that stands, and how it was reached; the item is done. */
  void finish(long itemId, String finalJson, String agreement, Double majorityShare) {
    ItemRow item = item(itemId);
    Object label = item.schema().fromJson(finalJson);
    jdbc.update("""
        update cs_labeling_item set status = 'DONE', final_json = ?, agreement = ?, majority_share = ?, decided_at = ?
        where id = ?""", item.schema().toJson(label), agreement, majorityShare, Timestamp.from(Instant.now()), itemId);
    audit.append(item.chain(), "labeling.item-labeled", AuditTrail.SYSTEM, AuditTrail.details("label", label,
        "agreement", agreement, "majorityShare", majorityShare));
    log.info("Item {} of project {} labeled {} ({})", itemId, item.projectId(), item.schema().toJson(label), agreement);
  }

  private boolean hasLabeled(long itemId, String person) {
    Integer count = jdbc.queryForObject("select count(*) from cs_label where item_id = ? and annotator = ?",
        Integer.class, itemId, person);
    return count != null && count > 0;
  }

  private ItemRow item(long itemId) {
    return jdbc.query("select id, project_id, gold_json from cs_labeling_item where id = ?", (rs, row) -> {
      Projects.Project project = projects.find(rs.getString("project_id")).orElseThrow();
      return new ItemRow(rs.getLong("id"), project.id(), DataLabeling.ITEM_KEY_PREFIX + itemId, project.schema(),
          rs.getString("gold_json"));
    }, itemId).stream().findFirst().orElseThrow(() -> new IllegalStateException("No labeling item " + itemId));
  }

  private static String shown(Object label) {
    return LabelSchema.text(label, ", ");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
