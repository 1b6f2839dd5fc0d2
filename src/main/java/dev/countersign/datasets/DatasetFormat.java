package dev.countersign.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * The three training formats, each a function from one human-approved example to JSONL lines.
 * Preference lines pair the approved text (preferred, chosen) with every draft that differed from
 * it: drafts a reviewer rejected, and the draft a reviewer edited.
 */
public enum DatasetFormat {

  /** OpenAI chat fine-tuning: {"messages": [system, user, assistant]}. */
  OPENAI_SFT("openai-sft") {
    @Override
    List<ObjectNode> lines(Example e, ObjectMapper json) {
      ObjectNode line = json.createObjectNode();
      ArrayNode messages = line.putArray("messages");
      messages.add(message(json, "system", e.system()));
      messages.add(message(json, "user", e.user()));
      messages.add(message(json, "assistant", e.approved()));
      return List.of(line);
    }
  },

  /** OpenAI preference (DPO) fine-tuning. */
  OPENAI_PREFERENCE("openai-preference") {
    @Override
    List<ObjectNode> lines(Example e, ObjectMapper json) {
      return e.rejected().stream().map(rejected -> {
        ObjectNode line = json.createObjectNode();
        ArrayNode messages = line.putObject("input").putArray("messages");
        messages.add(message(json, "system", e.system()));
        messages.add(message(json, "user", e.user()));
        line.putArray("preferred_output").add(message(json, "assistant", e.approved()));
        line.putArray("non_preferred_output").add(message(json, "assistant", rejected));
        return line;
      }).toList();
    }
  },

  /** Hugging Face TRL's standard preference format; the prompt is what the model was given. */
  TRL_PREFERENCE("trl-preference") {
    @Override
    List<ObjectNode> lines(Example e, ObjectMapper json) {
      return e.rejected().stream().map(rejected -> {
        ObjectNode line = json.createObjectNode();
        line.put("prompt", e.system() + "\n\n" + e.user());
        line.put("chosen", e.approved());
        line.put("rejected", rejected);
        return line;
      }).toList();
    }
  };

  /**
   * One decided request as training data.
   *
   * @param rejected the drafts that differ from the approved text, oldest first, without repeats
   */
  record Example(String system, String user, String approved, List<String> rejected) {}

  final String id;

  DatasetFormat(String id) {
    this.id = id;
  }

  abstract List<ObjectNode> lines(Example example, ObjectMapper json);

  static DatasetFormat of(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("Unknown dataset format '" + id + "'; use one of "
            + Arrays.stream(values()).map(f -> f.id).toList()));
  }

  private static ObjectNode message(ObjectMapper json, String role, String content) {
    return json.createObjectNode().put("role", role).put("content", content);
  }
}
