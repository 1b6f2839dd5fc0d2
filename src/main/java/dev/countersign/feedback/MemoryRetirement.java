package dev.countersign.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.review.DraftCorrected;
import dev.countersign.review.DraftRecord;
import dev.countersign.review.ReviewRecords;
import dev.countersign.system.WordDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Memory unlearns: an approved answer that was offered again as a draft, word for word, and that a
 * person then edited or rejected, is no longer recalled. Both requests' trails say so. Runs in the
 * transaction that records the decision.
 */
@Component
class MemoryRetirement {

  private static final Logger log = LoggerFactory.getLogger(MemoryRetirement.class);

  private final JdbcTemplate jdbc;
  private final ReviewRecords records;
  private final AuditTrail audit;
  private final ObjectMapper json;

  MemoryRetirement(JdbcTemplate jdbc, ReviewRecords records, AuditTrail audit, ObjectMapper json) {
    this.jdbc = jdbc;
    this.records = records;
    this.audit = audit;
    this.json = json;
  }

  @EventListener
  void corrected(DraftCorrected correction) {
    DraftRecord draft = records.drafts(correction.requestId()).stream()
        .filter(d -> d.attempt() == correction.attempt()).findFirst().orElse(null);
    if (draft == null) {
      return;
    }
    for (String memory : approvedMemories(draft.memoriesJson())) {
      List<String> answer = jdbc.queryForList("select final_text from cs_feedback where request_id = ? "
          + "and retired_by is null", String.class, memory);
      // Whitespace aside, the same text: the memory was offered as the draft itself.
      if (answer.isEmpty() || answer.get(0) == null
          || !WordDiff.normalise(answer.get(0)).equals(WordDiff.normalise(draft.text()))) {
        continue;
      }
      jdbc.update("update cs_feedback set retired_by = ? where request_id = ?", correction.requestId(), memory);
      jdbc.update(DecidedRequestRows.CHANGED, memory);
      Map<String, Object> details = AuditTrail.details("memory", memory, "offeredIn", correction.requestId(),
          "attempt", correction.attempt(), "decision", correction.decision(), "reason", correction.reason());
      audit.append(correction.requestId(), "memory.retired", correction.reviewer(), details);
      audit.append(memory, "memory.retired", correction.reviewer(), details);
      log.info("Memory of request {} retired: offered again in request {} and {}ed by {}", memory,
          correction.requestId(), correction.decision(), correction.reviewer());
    }
  }

  private List<String> approvedMemories(String memoriesJson) {
    List<String> ids = new ArrayList<>();
    if (memoriesJson == null) {
      return ids;
    }
    try {
      for (JsonNode used : json.readTree(memoriesJson)) {
        if ("approved".equals(used.path("kind").asText())) {
          ids.add(used.path("requestId").asText());
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable memories of a draft: " + memoriesJson, e);
    }
    return ids;
  }
}
