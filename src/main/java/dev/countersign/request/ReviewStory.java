package dev.countersign.request;

import dev.countersign.oversight.AuditExport;
import dev.countersign.system.WordDiff;
import java.time.Instant;
import java.util.List;

/**
 * One request's story, as the page {@code /dashboard/reviews/{id}} tells it: the request with its
 * drafts and decisions, the process diagram with the steps it went through, what changed between
 * drafts and in the approved text, and the evidence trail.
 *
 * @param diagramXml the BPMN of the process version the request ran on
 * @param steps the activities it went through, oldest first; an unfinished one is where it is now
 */
record ReviewStory(ReviewView review, String diagramXml, List<Step> steps, List<Change> changes, AuditExport trail) {

  record Step(String activityId, String activityName, String activityType, Instant startedAt, Instant endedAt,
      boolean canceled) {}

  /** What changed from one text to the next, word by word. */
  record Change(String from, String to, List<WordDiff.Segment> diff) {}
}
