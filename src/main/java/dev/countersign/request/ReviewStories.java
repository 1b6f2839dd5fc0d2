package dev.countersign.request;

import dev.countersign.system.Caller;
import dev.countersign.system.WordDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/** Puts a request's story together from what {@link ReviewService} shows and the engine's history. */
@Service
class ReviewStories {

  /** A request that loops through more redrafts than this shows its first steps only. */
  static final int MAX_STEPS = 500;

  private final ReviewService reviews;
  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;

  ReviewStories(ReviewService reviews, HistoryService history, RepositoryService repository, IdentityService identity) {
    this.reviews = reviews;
    this.history = history;
    this.repository = repository;
    this.identity = identity;
  }

  /** The story as {@code caller} may see it: whoever may read the request, and nobody else. */
  Optional<ReviewStory> find(String id, Caller caller) {
    return reviews.find(id, caller).map(review -> Caller.asSystem(identity, () -> story(review, caller)));
  }

  private ReviewStory story(ReviewView review, Caller caller) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(review.processInstanceId()).singleResult();
    String diagram = instance == null ? null : diagram(instance.getProcessDefinitionId());
    List<ReviewStory.Step> steps = history.createHistoricActivityInstanceQuery()
        .processInstanceId(review.processInstanceId())
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
        .listPage(0, MAX_STEPS).stream().map(ReviewStories::step).toList();
    return new ReviewStory(review, diagram, steps, changes(review), reviews.trail(review.id(), caller).orElse(null));
  }

  /** Each redraft against the draft before it, then the approved text against the last draft. */
  static List<ReviewStory.Change> changes(ReviewView review) {
    List<ReviewStory.Change> changes = new ArrayList<>();
    List<ReviewView.Draft> drafts = review.drafts();
    for (int i = 1; i < drafts.size(); i++) {
      changes.add(new ReviewStory.Change("Draft " + drafts.get(i - 1).attempt(), "Draft " + drafts.get(i).attempt(),
          WordDiff.of(drafts.get(i - 1).text(), drafts.get(i).text())));
    }
    if (review.finalOutput() != null && !drafts.isEmpty()) {
      ReviewView.Draft last = drafts.get(drafts.size() - 1);
      changes.add(new ReviewStory.Change("Draft " + last.attempt(), "Approved text",
          WordDiff.of(last.text(), review.finalOutput())));
    }
    return changes;
  }

  private String diagram(String processDefinitionId) {
    try (InputStream xml = repository.getProcessModel(processDefinitionId)) {
      return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ReviewStory.Step step(HistoricActivityInstance a) {
    return new ReviewStory.Step(a.getActivityId(), a.getActivityName(), a.getActivityType(),
        a.getStartTime().toInstant(), a.getEndTime() == null ? null : a.getEndTime().toInstant(), a.isCanceled());
  }
}
