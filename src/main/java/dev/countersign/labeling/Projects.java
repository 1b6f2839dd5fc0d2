package dev.countersign.labeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Labeling projects and how far their items are. */
@Repository
class Projects {

  private static final Logger log = LoggerFactory.getLogger(Projects.class);

  record Project(String id, String name, String useCase, String question, LabelSchema schema, int annotatorsPerItem,
      String annotatorGroup, String adjudicatorGroup, double goldRate, String riskTier, boolean evaluationExamples,
      String createdBy, Instant createdAt) {

    String chain() {
      return DataLabeling.PROJECT_CHAIN_PREFIX + id;
    }
  }

  /** Items by where they are; gold items count in every figure, as annotators cannot tell them apart. */
  record Progress(long items, long gold, long queued, long labeling, long inAdjudication, long done) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final AuditTrail audit;

  Projects(JdbcTemplate jdbc, ObjectMapper json, AuditTrail audit) {
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
  }

  /** Stores a project that {@link NewProject#problems()} found valid. */
  @Transactional
  Project create(NewProject request, String user) {
    LabelSchema schema = request.schema();
    Project project = new Project(UUID.randomUUID().toString(), request.name().strip(), request.useCase().strip(),
        request.question().strip(), schema, request.annotators(), request.annotatorGroup(), request.adjudicators(),
        request.gold(), request.risk(), Boolean.TRUE.equals(request.evaluationExamples()), user, Instant.now());
    jdbc.update("""
        insert into cs_labeling_project (id, name, use_case, question, kind, labels_json, annotators_per_item,
          annotator_group, adjudicator_group, gold_rate, risk_tier, evaluation_examples, created_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        project.id(), project.name(), project.useCase(), project.question(), schema.kind().name(),
        toJson(schema.labels()), project.annotatorsPerItem(), project.annotatorGroup(), project.adjudicatorGroup(),
        project.goldRate(), project.riskTier(), project.evaluationExamples(), user, Timestamp.from(project.createdAt()));
    audit.append(project.chain(), "labeling.project-created", user, AuditTrail.details("name", project.name(),
        "useCase", project.useCase(), "kind", schema.kindName(), "labels", schema.labels(),
        "annotatorsPerItem", project.annotatorsPerItem(), "group", project.annotatorGroup(),
        "adjudicatorGroup", project.adjudicatorGroup(), "goldRate", project.goldRate(), "riskTier", project.riskTier(),
        "evaluationExamples", project.evaluationExamples()));
    log.info("Labeling project {} '{}' created by {}: {} labels {}, {} annotators per item from {}", project.id(),
        project.name(), user, schema.kindName(), schema.labels(), project.annotatorsPerItem(), project.annotatorGroup());
    return project;
  }

  /** Every project, newest first. */
  List<Project> all() {
    return jdbc.query("select * from cs_labeling_project order by created_at desc, id", this::project);
  }

  Optional<Project> find(String id) {
    return jdbc.query("select * from cs_labeling_project where id = ?", this::project, id).stream().findFirst();
  }

  Progress progress(String projectId) {
    return jdbc.queryForObject("""
        select count(*) as items,
          coalesce(sum(case when gold then 1 else 0 end), 0) as gold,
          coalesce(sum(case when status = 'QUEUED' then 1 else 0 end), 0) as queued,
          coalesce(sum(case when status = 'LABELING' then 1 else 0 end), 0) as labeling,
          coalesce(sum(case when status = 'ADJUDICATION' then 1 else 0 end), 0) as adjudication,
          coalesce(sum(case when status = 'DONE' then 1 else 0 end), 0) as done
        from cs_labeling_item where project_id = ?""",
        (rs, row) -> new Progress(rs.getLong("items"), rs.getLong("gold"), rs.getLong("queued"), rs.getLong("labeling"),
            rs.getLong("adjudication"), rs.getLong("done")), projectId);
  }

  private Project project(ResultSet rs, int row) throws SQLException {
    List<String> labels;
    try {
      labels = json.readValue(rs.getString("labels_json"), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Labels of project " + rs.getString("id") + " are not JSON", e);
    }
    return new Project(rs.getString("id"), rs.getString("name"), rs.getString("use_case"), rs.getString("question"),
        new LabelSchema(Agreement.Kind.valueOf(rs.getString("kind")), labels), rs.getInt("annotators_per_item"),
        rs.getString("annotator_group"), rs.getString("adjudicator_group"), rs.getDouble("gold_rate"),
        rs.getString("risk_tier"), rs.getBoolean("evaluation_examples"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
