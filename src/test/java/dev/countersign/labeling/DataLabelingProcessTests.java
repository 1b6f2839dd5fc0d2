package dev.countersign.labeling;

import static dev.countersign.labeling.DataLabeling.Elements.*;
import static dev.countersign.labeling.DataLabeling.Variables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import dev.countersign.ProcessTest;
import dev.countersign.system.Roles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path of data-labeling: unanimous, majority, adjudicated, gold item. */
@ProcessTest
class DataLabelingProcessTests {

  private static final List<String> SENTIMENT = List.of("positive", "negative", "neutral");

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired Projects projects;
  @Autowired ItemUpload upload;
  @Autowired ItemStarter starter;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void shouldAcceptUnanimousLabelsWithoutAdjudication() {
    ProcessInstance pi = item(project("medium"), "{\"text\": \"Loved the quick reply\"}");
    assertThat(pi).isWaitingAt(LABEL_ITEM);
    Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).list()).hasSize(3)
        .allSatisfy(task -> assertThat(task).hasCandidateGroup(Roles.REVIEWERS));

    label(pi, "ann1", "positive", "friendly tone");
    label(pi, "ann2", "positive", null);
    label(pi, "ann3", "positive", null);
    execute(job(pi));

    assertThat(pi).hasPassed(ASSESS_LABELS, APPLY_POLICY, LABELS_ACCEPTED, RECORD_FINAL_LABEL).hasNotPassed(ADJUDICATE_LABELS)
        .isEnded();
    assertThat(pi).variables().containsEntry(UNANIMOUS, true).containsEntry(GOLD, false)
        .containsEntry(AGREEMENT, "UNANIMOUS");
    Assertions.assertThat(itemRow(pi)).containsEntry("status", "DONE").containsEntry("final_json", "\"positive\"")
        .containsEntry("agreement", "UNANIMOUS");
  }

  @Test
  void shouldAcceptATwoThirdsMajorityWhenRiskIsLow() {
    ProcessInstance pi = item(project("low"), "{\"text\": \"It arrived. Box was dented.\"}");

    label(pi, "ann1", "neutral", null);
    label(pi, "ann2", "negative", "dented box");
    label(pi, "ann3", "neutral", null);
    execute(job(pi));

    assertThat(pi).hasPassed(APPLY_POLICY, RECORD_FINAL_LABEL).hasNotPassed(ADJUDICATE_LABELS).isEnded();
    Map<String, Object> row = itemRow(pi);
    Assertions.assertThat(row).containsEntry("final_json", "\"neutral\"").containsEntry("agreement", "MAJORITY");
    Assertions.assertThat(((Number) row.get("majority_share")).doubleValue()).isEqualTo(2.0 / 3);
  }

  @Test
  void shouldSendAMajorityToAdjudicationWhenRiskIsNotLowAndRefuseItsAnnotatorsThere() {
    ProcessInstance pi = item(project("medium"), "{\"text\": \"Refund took three weeks but staff were kind\"}");

    label(pi, "ann1", "negative", "three weeks");
    assertOpensEmpty(taskQuery().processInstanceId(pi.getId()).taskUnassigned().list().get(0));
    label(pi, "ann2", "positive", "kind staff");
    label(pi, "ann3", "negative", null);
    execute(job(pi));

    assertThat(pi).isWaitingAt(ADJUDICATE_LABELS);
    Task adjudication = task(pi);
    assertOpensEmpty(adjudication);
    assertThat(adjudication).hasCandidateGroup(Roles.SENIOR_REVIEWERS);
    Assertions.assertThat((String) engine.getTaskService().getVariableLocal(adjudication.getId(), ANNOTATIONS))
        .contains("ann1: negative (three weeks)", "ann2: positive (kind staff)", "ann3: negative");
    Assertions.assertThat(itemRow(pi)).containsEntry("status", "ADJUDICATION");
    assertThatThrownBy(() -> engine.getTaskService().claim(adjudication.getId(), "ann2"))
        .hasMessageContaining("Four eyes: ann2 labeled item");

    engine.getTaskService().claim(adjudication.getId(), "senior");
    assertThatThrownBy(() -> engine.getTaskService().complete(adjudication.getId(), Map.of(LABEL, "negative")))
        .hasMessageContaining("Give the reason");
    engine.getTaskService().complete(adjudication.getId(), Map.of(LABEL, "negative", REASON, "The delay dominates"));

    assertThat(pi).hasPassed(ADJUDICATE_LABELS, MERGE_FINAL_LABEL, RECORD_FINAL_LABEL).isEnded();
    Assertions.assertThat(itemRow(pi)).containsEntry("final_json", "\"negative\"")
        .containsEntry("agreement", "ADJUDICATED").containsEntry("adjudicated_by", "senior")
        .containsEntry("adjudication_reason", "The delay dominates");
  }

  /** No one else's label or reason in the form: the others' labels are read-only context on adjudication only. */
  private void assertOpensEmpty(Task task) {
    Map<String, Object> form = engine.getFormService().getTaskFormVariables(task.getId());
    Assertions.assertThat(form.get(LABEL)).as("label").isNull();
    Assertions.assertThat(form.get(REASON)).as("reason").isNull();
    Assertions.assertThat(form.get(RATING)).as("rating").isNull();
  }

  @Test
  void shouldLetAGoldItemsKnownAnswerStandAndRefuseASecondLabelFromOnePerson() {
    ProcessInstance pi = item(project("medium"), "{\"text\": \"Worst service ever\", \"gold\": \"negative\"}");
    assertThat(pi).variables().doesNotContainKeys(GOLD, FINAL_LABEL);

    List<Task> tasks = taskQuery().processInstanceId(pi.getId()).list();
    engine.getTaskService().claim(tasks.get(0).getId(), "ann1");
    assertThatThrownBy(() -> engine.getTaskService().claim(tasks.get(1).getId(), "ann1"))
        .hasMessageContaining("Distinct annotators: ann1 already labels");
    assertThatThrownBy(() -> engine.getTaskService().complete(tasks.get(0).getId(), Map.of(LABEL, "furious")))
        .hasMessageContaining("'furious' is not a label of this project");
    engine.getTaskService().complete(tasks.get(0).getId(), Map.of(LABEL, "positive"));
    assertThatThrownBy(() -> engine.getTaskService().claim(tasks.get(1).getId(), "ann1"))
        .hasMessageContaining("Distinct annotators: ann1 already labels");
    label(pi, "ann2", "negative", null);
    label(pi, "ann3", "negative", null);
    execute(job(pi));

    assertThat(pi).hasPassed(GOLD_ITEM, MERGE_FINAL_LABEL, RECORD_FINAL_LABEL).hasNotPassed(APPLY_POLICY).isEnded();
    Assertions.assertThat(itemRow(pi)).containsEntry("final_json", "\"negative\"").containsEntry("agreement", "GOLD");
    Assertions.assertThat(jdbc.queryForList("select annotator, label_json from cs_label where item_id = ? order by annotator",
        itemId(pi))).extracting(row -> row.get("annotator") + "=" + row.get("label_json"))
        .containsExactly("ann1=\"positive\"", "ann2=\"negative\"", "ann3=\"negative\"");
  }

  private Projects.Project project(String riskTier) {
    return projects.create(new NewProject("Sentiment", "support", "What is the customer's sentiment?", SENTIMENT,
        false, null, 3, null, null, 0.0, riskTier, null), "owner");
  }

  private ProcessInstance item(Projects.Project project, String line) {
    upload.upload(project, new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "owner");
    starter.startNow();
    long itemId = jdbc.queryForObject("select max(id) from cs_labeling_item where project_id = ?", Long.class,
        project.id());
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(DataLabeling.ITEM_KEY_PREFIX + itemId).singleResult();
  }

  /** One annotator claims an open labeling task of the item and completes it. */
  private void label(ProcessInstance pi, String annotator, String label, String reason) {
    Task open = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(LABEL_ITEM).taskUnassigned().list().get(0);
    engine.getTaskService().claim(open.getId(), annotator);
    Map<String, Object> submitted = new java.util.HashMap<>();
    submitted.put(LABEL, label);
    submitted.put(REASON, reason);
    engine.getTaskService().complete(open.getId(), submitted);
  }

  private long itemId(ProcessInstance pi) {
    return Long.parseLong(pi.getBusinessKey().substring(DataLabeling.ITEM_KEY_PREFIX.length()));
  }

  private Map<String, Object> itemRow(ProcessInstance pi) {
    Map<String, Object> row = new java.util.HashMap<>();
    jdbc.queryForMap("select * from cs_labeling_item where id = ?", itemId(pi))
        .forEach((column, value) -> row.put(column.toLowerCase(), value));
    return row;
  }
}
