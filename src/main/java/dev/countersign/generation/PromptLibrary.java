package dev.countersign.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Versioned prompt templates under {@code classpath:prompts/{name}/{version}.{part}.st}. A prompt
 * id is {@code name-version}, for example {@code draft-v1}; it travels with every draft so each
 * output can be traced to the exact template that produced it. Templates are never edited in
 * place: a change is a new version. Besides the built-in versions on the classpath, people write
 * versions through the API ({@code cs_prompt_version}); a part they leave out comes from the base
 * version.
 */
@Component
public class PromptLibrary {

  private static final Pattern VERSION = Pattern.compile("([a-z]+)-v([0-9]+)");

  private final Map<String, String> cache = new ConcurrentHashMap<>();
  private final JdbcTemplate jdbc;

  PromptLibrary(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new version of prompt {@code name} based on {@code baseVersion}, with the parts given
   * (null: taken from the base), as a candidate. Returns its id, the next free {@code name-vN}.
   */
  public String createCandidate(String baseVersion, String system, String user, String createdBy) {
    Matcher base = VERSION.matcher(baseVersion);
    if (!base.matches() || !has(baseVersion, "system")) {
      throw new IllegalArgumentException("No prompt version '" + baseVersion + "' to base a new one on");
    }
    String name = base.group(1);
    int next = Math.max(builtInCount(name), jdbc.queryForList("select id from cs_prompt_version where id like ?",
        String.class, name + "-v%").stream().map(VERSION::matcher).filter(Matcher::matches)
        .mapToInt(m -> Integer.parseInt(m.group(2))).max().orElse(0)) + 1;
    String id = name + "-v" + next;
    jdbc.update("insert into cs_prompt_version (id, base_version, system_text, user_text, created_by, created_at, status) "
        + "values (?, ?, ?, ?, ?, ?, 'CANDIDATE')", id, baseVersion, system, user, createdBy,
        OffsetDateTime.now(ZoneOffset.UTC));
    return id;
  }

  /** Records what became of a written version: {@code PROMOTED} or {@code REJECTED}. */
  public void decided(String id, String status) {
    jdbc.update("update cs_prompt_version set status = ? where id = ?", status, id);
  }

  private int builtInCount(String name) {
    int n = 0;
    while (new ClassPathResource("prompts/" + name + "/v" + (n + 1) + ".system.st").exists()) {
      n++;
    }
    return n;
  }

  /** Renders one part ({@code system}, {@code user}, ...) of prompt {@code id} with {@code values}. */
  public String render(String id, String part, Map<String, Object> values) {
    String template = template(id, part);
    return values.isEmpty() ? template : new PromptTemplate(template).render(values);
  }

  /** Whether prompt {@code id} has a {@code part}: later versions add parts, such as few-shot examples. */
  public boolean has(String id, String part) {
    try {
      template(id, part);
      return true;
    } catch (IllegalArgumentException missing) {
      return false;
    }
  }

  String template(String id, String part) {
    int dash = id.lastIndexOf('-');
    if (dash <= 0) {
      throw new IllegalArgumentException("Prompt id must look like name-version, for example draft-v1: " + id);
    }
    String path = "prompts/" + id.substring(0, dash) + "/" + id.substring(dash + 1) + "." + part + ".st";
    return cache.computeIfAbsent(path, p -> new ClassPathResource(p).exists() ? load(p) : written(id, part));
  }

  /** A part of a version people wrote, or of its base where they left it out. */
  private String written(String id, String part) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select base_version, system_text, user_text from cs_prompt_version where id = ?", id);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("No prompt template for " + id + " (" + part + ")");
    }
    Object text = rows.get(0).get(part.equals("system") ? "system_text" : part.equals("user") ? "user_text" : "none");
    return text != null ? ((String) text).strip() : template((String) rows.get(0).get("base_version"), part);
  }

  private static String load(String path) {
    ClassPathResource resource = new ClassPathResource(path);
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
