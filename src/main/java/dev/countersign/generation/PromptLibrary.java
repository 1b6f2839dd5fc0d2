package dev.countersign.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Versioned prompt templates under {@code classpath:prompts/{name}/{version}.{part}.st}. A prompt
 * id is {@code name-version}, for example {@code draft-v1}; it travels with every draft so each
 * output can be traced to the exact template that produced it. Templates are never edited in
 * place: a change is a new version.
 */
@Component
public class PromptLibrary {

  private final Map<String, String> cache = new ConcurrentHashMap<>();

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
    return cache.computeIfAbsent(path, PromptLibrary::load);
  }

  private static String load(String path) {
    ClassPathResource resource = new ClassPathResource(path);
    if (!resource.exists()) {
      throw new IllegalArgumentException("No prompt template at classpath:" + path);
    }
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
