package dev.countersign.labeling;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A project's progress, its agreement over every item whose labels are all in, and each annotator's record. */
@Service
class ProjectFigures {

  /**
   * @param goldAccuracy share of gold items labeled with the known answer, or null before any
   */
  record Annotator(String annotator, long labels, long goldItems, long goldCorrect, Double goldAccuracy) {}

  record Figures(Projects.Progress progress, long adjudicated, Agreement.Figures agreement,
      List<Annotator> annotators) {}

  private final JdbcTemplate jdbc;
  private final Projects projects;

  ProjectFigures(JdbcTemplate jdbc, Projects projects) {
    this.jdbc = jdbc;
    this.projects = projects;
  }

  Figures of(Projects.Project project) {
    Long adjudicated = jdbc.queryForObject(
        "select count(*) from cs_labeling_item where project_id = ? and agreement = 'ADJUDICATED'", Long.class,
        project.id());
    return new Figures(projects.progress(project.id()), adjudicated == null ? 0 : adjudicated,
        Agreement.of(project.schema().kind(), items(project)), annotators(project.id()));
  }

  /** Items past labeling, in id order: the statistics need every label of an item, not some. */
  private List<Agreement.Item> items(Projects.Project project) {
    List<Agreement.Item> items = new ArrayList<>();
    Map<String, Object> current = new HashMap<>();
    long[] currentId = {-1};
    jdbc.query("""
        select l.item_id, l.annotator, l.label_json from cs_label l
        join cs_labeling_item i on i.id = l.item_id
        where i.project_id = ? and i.status in ('ADJUDICATION', 'DONE')
        order by l.item_id""", (ResultSet rs) -> {
          long itemId = rs.getLong("item_id");
          if (itemId != currentId[0] && !current.isEmpty()) {
            items.add(new Agreement.Item(Map.copyOf(current)));
            current.clear();
          }
          currentId[0] = itemId;
          current.put(rs.getString("annotator"), project.schema().fromJson(rs.getString("label_json")));
        }, project.id());
    if (!current.isEmpty()) {
      items.add(new Agreement.Item(Map.copyOf(current)));
    }
    return items;
  }

  private List<Annotator> annotators(String projectId) {
    return jdbc.query("""
        select l.annotator, count(*) as labels,
          coalesce(sum(case when i.gold then 1 else 0 end), 0) as gold_items,
          coalesce(sum(case when i.gold and l.label_json = i.gold_json then 1 else 0 end), 0) as gold_correct
        from cs_label l join cs_labeling_item i on i.id = l.item_id
        where i.project_id = ?
        group by l.annotator order by l.annotator""", (rs, row) -> {
          long gold = rs.getLong("gold_items");
          long correct = rs.getLong("gold_correct");
          return new Annotator(rs.getString("annotator"), rs.getLong("labels"), gold, correct,
              gold == 0 ? null : (double) correct / gold);
        }, projectId);
  }
}
