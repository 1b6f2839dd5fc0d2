package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import dev.countersign.system.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queue's grouped counts against the engine's own task query, which they replace: the same
 * tasks for every group and age, on the database the test runs on.
 */
@StoreTest
class ReviewQueueTests {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Autowired ReviewQueue queue;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;

  private final List<Task> created = new ArrayList<>();

  @AfterEach
  void removeTasks() {
    ClockUtil.reset();
    for (Task task : created) {
      if (task.getProcessInstanceId() == null) {
        tasks.deleteTask(task.getId(), true);
      } else {
        runtime.deleteProcessInstance(task.getProcessInstanceId(), "test over");
      }
    }
  }

  @Test
  void countsWhatTheEnginesCandidateGroupQueryCounts() {
    Map<String, ReviewQueue.Counts> before = queue.counts(NOW);

    task(Duration.ofMinutes(10), null, null, Roles.REVIEWERS);
    task(Duration.ofMinutes(30), LlmOutputReview.Elements.ESCALATED_REVIEW, null, Roles.SENIOR_REVIEWERS);
    task(Duration.ofHours(1), null, null, Roles.REVIEWERS);
    task(Duration.ofHours(2), LlmOutputReview.Elements.REVIEW_DRAFT, null, Roles.REVIEWERS, Roles.COMPLIANCE);
    task(Duration.ofHours(12), LlmOutputReview.Elements.ESCALATED_REVIEW, null, Roles.REVIEWERS);
    task(Duration.ofDays(3), null, null, Roles.REVIEWERS);
    // Claimed: no longer the group's to take, as in the engine's query.
    task(Duration.ofMinutes(5), null, "reviewer", Roles.REVIEWERS);
    // A candidate user only.
    String personal = task(Duration.ofMinutes(5), null, null);
    tasks.addCandidateUser(personal, "reviewer");

    Map<String, ReviewQueue.Counts> after = queue.counts(NOW);
    assertThat(after.keySet()).containsExactlyElementsOf(Roles.TASKLIST);
    after.forEach((group, counts) -> {
      assertThat(counts).as(group).isEqualTo(EngineQueueCounts.of(tasks, group, NOW));
      assertThat(counts.open()).as(group).isEqualTo(tasks.createTaskQuery().taskCandidateGroup(group).count());
    });
    assertThat(minus(after.get(Roles.REVIEWERS), before.get(Roles.REVIEWERS)))
        .isEqualTo(new ReviewQueue.Counts(5, 2, 1, 1, 1, 1));
    assertThat(minus(after.get(Roles.SENIOR_REVIEWERS), before.get(Roles.SENIOR_REVIEWERS)))
        .isEqualTo(new ReviewQueue.Counts(1, 1, 0, 0, 0, 1));
    assertThat(minus(after.get(Roles.COMPLIANCE), before.get(Roles.COMPLIANCE)))
        .isEqualTo(new ReviewQueue.Counts(1, 0, 1, 0, 0, 0));
  }

  private String task(Duration age, String definitionKey, String assignee, String... groups) {
    ClockUtil.setCurrentTime(Date.from(NOW.minus(age)));
    Task task;
    if (definitionKey == null) {
      task = tasks.newTask();
      tasks.saveTask(task);
    } else {
      String process = "review-queue-" + definitionKey.toLowerCase(Locale.ROOT).replace('_', '-');
      if (repository.createProcessDefinitionQuery().processDefinitionKey(process).count() == 0) {
        repository.createDeployment().addModelInstance(process + ".bpmn", Bpmn.createExecutableProcess(process)
            .camundaHistoryTimeToLive(180).startEvent().userTask(definitionKey).endEvent().done()).deploy();
      }
      String instance = runtime.startProcessInstanceByKey(process).getId();
      task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    }
    if (assignee != null) {
      tasks.setAssignee(task.getId(), assignee);
    }
    for (String group : groups) {
      tasks.addCandidateGroup(task.getId(), group);
    }
    created.add(task);
    return task.getId();
  }

  private static ReviewQueue.Counts minus(ReviewQueue.Counts a, ReviewQueue.Counts b) {
    return new ReviewQueue.Counts(a.open() - b.open(), a.underOneHour() - b.underOneHour(),
        a.oneToEightHours() - b.oneToEightHours(), a.eightToTwentyFourHours() - b.eightToTwentyFourHours(),
        a.olderThanADay() - b.olderThanADay(), a.overdue() - b.overdue());
  }
}
