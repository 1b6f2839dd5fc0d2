package dev.countersign.retraining;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The OpenAI fine-tuning API, as OpenAI and several compatible providers serve it: upload the
 * dataset as a file, create a supervised job on it, then read the job until it has a model id.
 * Rate limits and server errors are transient (Camunda retries them with backoff); other refusals
 * are not.
 */
class OpenAiFineTuneBackend implements FineTuneBackend {

  private static final Logger log = LoggerFactory.getLogger(OpenAiFineTuneBackend.class);

  private final RestClient http;
  private final String baseModel;

  OpenAiFineTuneBackend(RestClient.Builder http, RetrainingProperties.OpenAi settings) {
    this.http = http.baseUrl(settings.baseUrl())
        .defaultHeader("Authorization", "Bearer " + settings.apiKey())
        .build();
    this.baseModel = settings.baseModel();
  }

  @Override
  public String name() {
    return ModelCandidates.OPENAI;
  }

  @Override
  public String baseModel() {
    return baseModel;
  }

  @Override
  public Job start(ModelCandidate candidate, Path dataset) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("purpose", "fine-tune");
    form.add("file", new FileSystemResource(dataset));
    JsonNode file = call("upload the dataset", () -> http.post().uri("/v1/files")
        .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(JsonNode.class));
    String fileId = required(file, "id", "file upload");
    log.info("Uploaded dataset of {} for {} as file {}", candidate.useCase(), candidate.name(), fileId);
    JsonNode job = call("create the fine-tune job", () -> http.post().uri("/v1/fine_tuning/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("training_file", fileId, "model", baseModel, "suffix", suffix(candidate)))
        .retrieve().body(JsonNode.class));
    return job(job);
  }

  @Override
  public Job poll(ModelCandidate candidate) {
    return job(call("read fine-tune job " + candidate.jobId(), () -> http.get()
        .uri("/v1/fine_tuning/jobs/{id}", candidate.jobId()).retrieve().body(JsonNode.class)));
  }

  private static Job job(JsonNode job) {
    String id = required(job, "id", "fine-tune job");
    String status = job.path("status").asText("");
    return switch (status) {
      case "succeeded" -> new Job(id, State.SUCCEEDED, required(job, "fine_tuned_model", "succeeded job " + id), null);
      case "failed", "cancelled" -> new Job(id, State.FAILED, null, status + ": "
          + job.path("error").path("message").asText(job.path("error").path("code").asText("no reason given")));
      case "validating_files", "queued", "running" -> new Job(id, State.RUNNING, null, null);
      default -> throw new NonTransientAiException("Fine-tune job " + id + " has an unknown status '" + status + "'");
    };
  }

  /** Names the model after the use case, as far as providers allow (letters, digits, dashes). */
  private static String suffix(ModelCandidate candidate) {
    String name = ("cs-" + candidate.useCase()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return name.length() > 40 ? name.substring(0, 40) : name;
  }

  private static String required(JsonNode node, String field, String what) {
    if (node == null || !node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      throw new NonTransientAiException("The fine-tuning API's answer to " + what + " has no " + field);
    }
    return node.get(field).asText();
  }

  private static JsonNode call(String what, Supplier<JsonNode> call) {
    try {
      return call.get();
    } catch (RestClientResponseException e) {
      String message = "Could not " + what + ": HTTP " + e.getStatusCode().value() + " "
          + e.getResponseBodyAsString().strip();
      if (e.getStatusCode().value() == 429 || e.getStatusCode().is5xxServerError()) {
        throw new TransientAiException(message, e);
      }
      throw new NonTransientAiException(message, e);
    }
  }
}
