package dev.countersign.review;

import dev.countersign.labeling.Agreement;
import dev.countersign.labeling.ItemVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * How far review panels agree, per use case: the share of drafts whose panel agreed (the rule of
 * {@link PanelReviews}), and agreement beyond chance on the decision each member made (approve,
 * edit or reject) with the same statistics as labeling projects.
 */
@Service
class PanelAgreement {

  /**
   * @param drafts drafts a panel decided, each attempt counted apart
   * @param agreedShare drafts whose panel agreed, over all
   */
  record UseCase(String useCase, int drafts, double agreedShare, Agreement.Figures decisions) {}

  private record Seat(String reviewer, String decision, String finalText) {}

  private final JdbcTemplate jdbc;

  PanelAgreement(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<UseCase> perUseCase() {
    Map<String, Map<String, List<Seat>>> panels = new LinkedHashMap<>();
    jdbc.query("""
        select r.use_case, d.request_id, d.attempt, d.reviewer, d.decision, d.final_text
        from cs_review_decision d join cs_review_request r on r.id = d.request_id
        where d.task_key = ? order by r.use_case, d.request_id, d.attempt, d.id""", rs -> {
          panels.computeIfAbsent(rs.getString("use_case"), u -> new LinkedHashMap<>())
              .computeIfAbsent(rs.getString("request_id") + "#" + rs.getInt("attempt"), k -> new ArrayList<>())
              .add(new Seat(rs.getString("reviewer"), rs.getString("decision"), rs.getString("final_text")));
        }, LlmOutputReview.Elements.PANEL_REVIEW);
    List<UseCase> useCases = new ArrayList<>();
    panels.forEach((useCase, drafts) -> {
      List<Agreement.Item> items = new ArrayList<>();
      int agreed = 0;
      for (List<Seat> seats : drafts.values()) {
        Map<String, Object> byReviewer = new LinkedHashMap<>();
        seats.forEach(seat -> byReviewer.put(seat.reviewer(), seat.decision()));
        items.add(new Agreement.Item(byReviewer));
        if (ItemVerdict.of(seats.stream().map(s -> PanelReviews.sameness(s.decision(), s.finalText())).toList())
            .unanimous()) {
          agreed++;
        }
      }
      useCases.add(new UseCase(useCase, drafts.size(), (double) agreed / drafts.size(),
          Agreement.of(Agreement.Kind.SINGLE, items)));
    });
    return useCases;
  }
}
