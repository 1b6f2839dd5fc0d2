package dev.countersign.request;

import dev.countersign.oversight.AuditExport;
import dev.countersign.system.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reviews")
class ReviewController {

  private final ReviewService reviews;
  private final ReviewStories stories;
  private final IdentityService identity;

  ReviewController(ReviewService reviews, ReviewStories stories, IdentityService identity) {
    this.reviews = reviews;
    this.stories = stories;
    this.identity = identity;
  }

  @Operation(summary = "Submit a request for a reviewed draft",
      description = "Starts the llm-output-review process. 201 with the request id and a Location header; "
          + "400 with the problems when the request is malformed, and then nothing is created.")
  @PostMapping
  ResponseEntity<Map<String, String>> submit(@RequestBody NewReview request) {
    ProcessInstance instance = reviews.submit(request);
    String id = instance.getBusinessKey();
    // Never ended here: the first draft is an external task, so the instance waits for a worker.
    return ResponseEntity.created(URI.create("/api/reviews/" + id))
        .body(Map.of("id", id, "status", reviews.status(instance.getId()), "processInstanceId", instance.getId()));
  }

  @Operation(summary = "Status, drafts, screening findings, decisions and outcome of one request",
      description = "Requesters see their own requests only; compliance and administrators see all. "
          + "Anyone else gets 404, as for a request that does not exist.")
  @GetMapping("/{id}")
  ResponseEntity<ReviewView> find(@PathVariable String id) {
    return ResponseEntity.of(reviews.find(id, Caller.current(identity)));
  }

  @Operation(summary = "The evidence trail of one request, verified",
      description = "Every recorded step with its hash chain and global seal, and a verify result. "
          + "Readable by whoever may read the request; anyone else gets 404.")
  @GetMapping("/{id}/audit")
  ResponseEntity<AuditExport> trail(@PathVariable String id) {
    return ResponseEntity.of(reviews.trail(id, Caller.current(identity)));
  }

  @Operation(summary = "One request's story: diagram, steps taken, word diffs, decisions and evidence",
      description = "What the page /dashboard/reviews/{id} shows: the request as GET /api/reviews/{id} returns it, "
          + "the BPMN of its process version, the activities it went through (an unfinished one is where it is), "
          + "word-level diffs between consecutive drafts and from the last draft to the approved text, and the "
          + "verified evidence trail. Readable by whoever may read the request; anyone else gets 404.")
  @GetMapping("/{id}/story")
  ResponseEntity<ReviewStory> story(@PathVariable String id) {
    return ResponseEntity.of(stories.find(id, Caller.current(identity)));
  }
}
