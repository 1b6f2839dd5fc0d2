package dev.countersign.labeling;

import dev.countersign.system.Caller;
import dev.countersign.system.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/labeling/projects")
class LabelingController {

  /** Who may create projects, add items and export labels. */
  private static final String[] OWNERS = {Roles.MODEL_OWNERS, Roles.COMPLIANCE, Roles.ADMIN};
  /** Who may read a project's progress and agreement. */
  private static final String[] READERS = {Roles.MODEL_OWNERS, Roles.COMPLIANCE, Roles.ADMIN, Roles.OPERATIONS};

  private final Projects projects;
  private final ItemUpload upload;
  private final ItemStarter starter;
  private final ProjectFigures figures;
  private final LabelExport export;
  private final IdentityService identity;

  LabelingController(Projects projects, ItemUpload upload, ItemStarter starter, ProjectFigures figures,
      LabelExport export, IdentityService identity) {
    this.projects = projects;
    this.upload = upload;
    this.starter = starter;
    this.figures = figures;
    this.export = export;
    this.identity = identity;
  }

  @Operation(summary = "Create a labeling project (model owners, compliance)",
      description = "Body: {\"name\", \"useCase\", \"question\", \"labels\": [...], \"multiLabel\": false, "
          + "\"kind\": \"choice|rating\", \"annotatorsPerItem\": 3, \"group\": \"reviewers\", "
          + "\"adjudicatorGroup\": \"senior-reviewers\", \"goldRate\": 0.1, \"riskTier\": \"low|medium|high\", "
          + "\"evaluationExamples\": false}. "
          + "201 with the id; 400 with every problem, and then nothing is created.")
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewProject request) {
    String user = Caller.current(identity).require(OWNERS).userId();
    if (request == null) {
      throw new InvalidProjectException(List.of("Give the project as JSON: {\"name\", \"useCase\", \"question\", "
          + "\"labels\": [...]}"));
    }
    List<String> problems = new ArrayList<>(request.problems());
    for (String group : new String[] {request.annotatorGroup(), request.adjudicators()}) {
      if (!group.isBlank() && Caller.asSystem(identity, () -> identity.createGroupQuery().groupId(group).count()) == 0) {
        problems.add("Group \"" + group + "\" does not exist");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidProjectException(problems);
    }
    Projects.Project project = projects.create(request, user);
    return ResponseEntity.created(URI.create("/api/labeling/projects/" + project.id())).body(view(project));
  }

  @Operation(summary = "Every labeling project, newest first, with its progress")
  @GetMapping
  List<Map<String, Object>> projects() {
    Caller.current(identity).require(READERS);
    return projects.all().stream().map(project -> {
      Map<String, Object> view = view(project);
      view.put("progress", projects.progress(project.id()));
      return view;
    }).toList();
  }

  @Operation(summary = "Add items as JSON Lines (model owners, compliance)",
      description = "One {\"text\": ..., \"meta\": {...}} a line, or {\"text\": ..., \"gold\": label} for a gold item "
          + "with a known answer. Streamed: any size in flat memory. A bad line refuses the whole upload with its "
          + "line number, and nothing of it is kept. Items are then started in the data-labeling process.")
  @PostMapping(path = "/{id}/items", consumes = MediaType.ALL_VALUE)
  ResponseEntity<ItemUpload.Uploaded> addItems(@PathVariable String id, InputStream body) {
    String user = Caller.current(identity).require(OWNERS).userId();
    Projects.Project project = find(id);
    ItemUpload.Uploaded uploaded = upload.upload(project, body, user);
    starter.wake();
    return ResponseEntity.status(HttpStatus.CREATED).body(uploaded);
  }

  @Operation(summary = "A project: its settings, progress, agreement, and each annotator's record",
      description = "Progress counts items queued, labeling, in adjudication and done. Agreement is over items whose "
          + "labels are all in: Fleiss' kappa (single choice), Krippendorff's alpha (nominal, ordinal for ratings, "
          + "MASI for several choices) and Cohen's kappa per pair of annotators; null where the labels cannot give "
          + "a figure. Each annotator's accuracy on gold items is shown once they have labeled one.")
  @GetMapping("/{id}")
  Map<String, Object> project(@PathVariable String id) {
    Caller.current(identity).require(READERS);
    Projects.Project project = find(id);
    Map<String, Object> view = view(project);
    ProjectFigures.Figures figures = this.figures.of(project);
    view.put("progress", figures.progress());
    view.put("adjudicated", figures.adjudicated());
    view.put("agreement", figures.agreement());
    view.put("annotators", figures.annotators());
    return view;
  }

  @Operation(summary = "Export final labels as JSONL or CSV (model owners, compliance)",
      description = "Streams every finished item with its final label, how it was reached (UNANIMOUS, MAJORITY, "
          + "ADJUDICATED or GOLD), the majority's share, the adjudication, and every annotator's label. Recorded on "
          + "the project's evidence chain with its SHA-256.")
  @GetMapping("/{id}/export")
  ResponseEntity<StreamingResponseBody> export(@PathVariable String id,
      @RequestParam(defaultValue = "jsonl") String format) {
    String user = Caller.current(identity).require(OWNERS).userId();
    Projects.Project project = find(id);
    LabelExport.Format chosen;
    try {
      chosen = LabelExport.Format.of(format);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    StreamingResponseBody body = out -> export.export(project, chosen, user, out);
    boolean csv = chosen == LabelExport.Format.CSV;
    return ResponseEntity.ok()
        .contentType(csv ? MediaType.parseMediaType("text/csv;charset=UTF-8") : MediaType.parseMediaType("application/x-ndjson"))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"labels-" + project.id() + (csv ? ".csv" : ".jsonl") + "\"")
        .body(body);
  }

  @ExceptionHandler(InvalidProjectException.class)
  ProblemDetail invalidProject(InvalidProjectException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", e.problems()));
    problem.setTitle("Invalid labeling project");
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(InvalidUploadException.class)
  ProblemDetail invalidUpload(InvalidUploadException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid item upload");
    problem.setProperty("line", e.line());
    return problem;
  }

  private Projects.Project find(String id) {
    return projects.find(id).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "No labeling project " + id));
  }

  private static Map<String, Object> view(Projects.Project project) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", project.id());
    view.put("name", project.name());
    view.put("useCase", project.useCase());
    view.put("question", project.question());
    view.put("kind", project.schema().kindName());
    view.put("labels", project.schema().labels());
    view.put("annotatorsPerItem", project.annotatorsPerItem());
    view.put("group", project.annotatorGroup());
    view.put("adjudicatorGroup", project.adjudicatorGroup());
    view.put("goldRate", project.goldRate());
    view.put("riskTier", project.riskTier());
    view.put("evaluationExamples", project.evaluationExamples());
    view.put("createdBy", project.createdBy());
    view.put("createdAt", project.createdAt());
    return view;
  }
}
