package dev.countersign.review;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * A group's queue figures from the engine's candidate-group task query, five counts, as the
 * dashboard counted them before {@link ReviewQueue}: the reference its grouped query is checked
 * and timed against. Every open task falls in one age, so the ages add up to the open tasks.
 */
public final class EngineQueueCounts {

  private EngineQueueCounts() {}

  public static ReviewQueue.Counts of(TaskService tasks, String group, Instant now) {
    Date hour = Date.from(now.minus(Duration.ofHours(1)));
    Date eightHours = Date.from(now.minus(Duration.ofHours(8)));
    Date day = Date.from(now.minus(Duration.ofDays(1)));
    long underOneHour = createdBetween(tasks, group, hour, null);
    long oneToEightHours = createdBetween(tasks, group, eightHours, hour);
    long eightToTwentyFourHours = createdBetween(tasks, group, day, eightHours);
    long olderThanADay = createdBetween(tasks, group, null, day);
    return new ReviewQueue.Counts(underOneHour + oneToEightHours + eightToTwentyFourHours + olderThanADay,
        underOneHour, oneToEightHours, eightToTwentyFourHours, olderThanADay,
        tasks.createTaskQuery().taskCandidateGroup(group).taskDefinitionKey(LlmOutputReview.Elements.ESCALATED_REVIEW)
            .count());
  }

  private static long createdBetween(TaskService tasks, String group, Date from, Date to) {
    TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(group);
    if (from != null) {
      query.taskCreatedAfter(new Date(from.getTime() - 1));
    }
    if (to != null) {
      query.taskCreatedBefore(to);
    }
    return query.count();
  }
}
