package dev.countersign.review;

import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The review queue as counts: open user tasks of a candidate group, and of them the overdue ones,
 * those a missed review deadline escalated. Every count is one count query of the engine's, which
 * reads every open task of the group (the README's benchmark times them at 100,000 tasks).
 */
@Component
public class ReviewQueue {

  private final TaskService tasks;

  ReviewQueue(TaskService tasks) {
    this.tasks = tasks;
  }

  public long open(String group) {
    return openOf(group).count();
  }

  /** Open tasks of {@code group} created at or after {@code from} and before {@code to}; null for no bound. */
  public long openCreatedBetween(String group, Date from, Date to) {
    TaskQuery query = openOf(group);
    if (from != null) {
      query.taskCreatedAfter(new Date(from.getTime() - 1));
    }
    if (to != null) {
      query.taskCreatedBefore(to);
    }
    return query.count();
  }

  public long overdue(String group) {
    return openOf(group).taskDefinitionKey(LlmOutputReview.Elements.ESCALATED_REVIEW).count();
  }

  private TaskQuery openOf(String group) {
    return tasks.createTaskQuery().taskCandidateGroup(group);
  }
}
