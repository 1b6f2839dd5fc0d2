package dev.countersign.labeling;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Final labels as evaluation examples: for a use case, the finished items of its projects that were
 * created with {@code evaluationExamples}, each item's text with its label as the expected answer.
 * They never reach a training dataset, so they stay held out.
 */
@Service
public class LabeledExamples {

  /**
   * @param key the item's evidence chain
   * @param answer the final label as text: several choices joined by ", ", a rating as its number
   */
  public record Example(String key, String input, String answer) {}

  private final JdbcTemplate jdbc;
  private final Projects projects;

  LabeledExamples(JdbcTemplate jdbc, Projects projects) {
    this.jdbc = jdbc;
    this.projects = projects;
  }

  /** Up to {@code limit} examples of {@code useCase}, always the same ones in the same order. */
  public List<Example> of(String useCase, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.query("""
        select i.id, i.project_id, i.item_text, i.final_json from cs_labeling_item i
        join cs_labeling_project p on p.id = i.project_id
        where p.use_case = ? and p.evaluation_examples and i.status = 'DONE'
        order by i.id fetch first ? rows only""", (rs, row) -> {
          LabelSchema schema = projects.find(rs.getString("project_id")).orElseThrow().schema();
          Object label = schema.fromJson(rs.getString("final_json"));
          return new Example(DataLabeling.ITEM_KEY_PREFIX + rs.getLong("id"), rs.getString("item_text"),
              LabelSchema.text(label, ", "));
        }, useCase, limit);
  }
}
