package dev.countersign.datasets;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/datasets")
class DatasetController {

  private final DatasetExporter exporter;
  private final IdentityService identity;

  DatasetController(DatasetExporter exporter, IdentityService identity) {
    this.exporter = exporter;
    this.identity = identity;
  }

  @Operation(summary = "Export a training dataset as JSONL (model owners)",
      description = "Formats: openai-sft, openai-preference, trl-preference. Filters: useCase, from and to (ISO "
          + "instants on the decision time, to exclusive), promptVersion. Streamed from the feedback store; the "
          + "held-out evaluation split is never included. Each export is recorded: see /api/datasets/exports.")
  @GetMapping("/{format}")
  ResponseEntity<StreamingResponseBody> export(@PathVariable String format,
      @RequestParam(required = false) String useCase, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String promptVersion) {
    String user = Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN).userId();
    DatasetFormat chosen;
    DatasetExporter.Filter filter;
    try {
      chosen = DatasetFormat.of(format);
      filter = new DatasetExporter.Filter(useCase, instant(from), instant(to), promptVersion);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    StreamingResponseBody body = out -> exporter.export(chosen, filter, user, out);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-ndjson"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + chosen.id + ".jsonl\"")
        .body(body);
  }

  @Operation(summary = "Recent dataset exports: who, when, filter, lines, bytes and SHA-256 (model owners)")
  @GetMapping("/exports")
  List<DatasetExporter.ExportRecord> exports() {
    Caller.current(identity).require(Roles.MODEL_OWNERS, Roles.ADMIN);
    return exporter.history(100);
  }

  private static Instant instant(String text) {
    return text == null || text.isBlank() ? null : Instant.parse(text);
  }
}
