package dev.countersign.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Results of worker calls the engine did not accept, keyed by external-task id, so a task that is
 * delivered again (completion lost, lock expired) is completed without doing the work (or paying
 * for the LLM call) twice.
 */
@Repository
class WorkerResultLog {

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  WorkerResultLog(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<Map<String, Object>> find(String externalTaskId) {
    return jdbc.query("select result_json from cs_worker_result where external_task_id = ?",
            (rs, i) -> rs.getString(1), externalTaskId)
        .stream().findFirst().map(this::read);
  }

  void save(String externalTaskId, String topic, Map<String, Object> result) {
    try {
      jdbc.update("insert into cs_worker_result (external_task_id, topic, result_json, created_at) values (?, ?, ?, ?)",
          externalTaskId, topic, json.writeValueAsString(result), Timestamp.from(Instant.now()));
    } catch (DuplicateKeyException alreadySaved) {
      // Another delivery of the same task got here first; its result stands.
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Worker result is not serialisable", e);
    }
  }

  void forget(String externalTaskId) {
    jdbc.update("delete from cs_worker_result where external_task_id = ?", externalTaskId);
  }

  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, VARIABLES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored worker result is unreadable", e);
    }
  }
}
