package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/** Every form a process refers to exists, deploys under that id, and shows what a reviewer needs. */
class FormsTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");

  @Test
  void everyFormRefHasAFormWithThatIdInTheTasklistsSchemaVersion() throws IOException {
    StringBuilder bpmn = new StringBuilder();
    try (var files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        bpmn.append(Files.readString(file));
      }
    }
    Matcher refs = FORM_REF.matcher(bpmn);
    Set<String> seen = new HashSet<>();
    while (refs.find()) {
      String ref = refs.group(1);
      seen.add(ref);
      JsonNode form = JSON.readTree(new File("forms/" + ref + ".form"));
      assertThat(form.get("id").asText()).as("id of forms/%s.form", ref).isEqualTo(ref);
      assertThat(form.get("schemaVersion").asInt()).as("Camunda 7.24's Tasklist renders schema 16").isEqualTo(16);
    }
    assertThat(seen).contains("request-review", "review-draft", "escalated-review", "compliance-decision",
        "label-item", "adjudicate-labels");
  }

  /**
   * Every field a person fills in on a user task's form is an input parameter of that task (or of
   * the subprocess around it), so what they submit stays theirs and no later form opens with it.
   */
  @Test
  void everyFieldAPersonFillsInIsLocalToTheirTask() throws IOException {
    int checked = 0;
    try (var files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          String ref = task.getCamundaFormRef();
          if (ref == null) {
            continue;
          }
          Set<String> local = localNames(task);
          for (JsonNode field : JSON.readTree(new File("forms/" + ref + ".form")).get("components")) {
            if (field.hasNonNull("key") && !field.path("readonly").asBoolean()) {
              assertThat(local).as("%s: %s's field '%s'", file.getFileName(), task.getId(), field.get("key").asText())
                  .contains(field.get("key").asText());
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).as("fields checked").isGreaterThan(30);
  }

  /** The input parameters of the task and of every subprocess it sits in. */
  private static Set<String> localNames(ModelElementInstance element) {
    Set<String> names = new HashSet<>();
    for (ModelElementInstance scope = element; scope instanceof FlowElement; scope = scope.getParentElement()) {
      ExtensionElements extensions = ((FlowElement) scope).getExtensionElements();
      if (extensions == null) {
        continue;
      }
      extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().forEach(io ->
          io.getCamundaInputParameters().forEach(parameter -> names.add(parameter.getCamundaName())));
    }
    return names;
  }

  @Test
  void reviewFormsShowInputDraftProvenanceAndFindingsAndAskForADecision() throws IOException {
    for (String ref : new String[] {"review-draft", "escalated-review"}) {
      JsonNode form = JSON.readTree(new File("forms/" + ref + ".form"));
      assertThat(keys(form)).as(ref).contains("input", "draft", "draftModel", "promptVersion", "findingsSummary",
          "judgeScore", "decision", "reason", "rubricAccuracy");
      assertThat(field(form, "input").path("readonly").asBoolean()).as("%s: input is read-only", ref).isTrue();
      assertThat(field(form, "draft").path("readonly").asBoolean()).as("%s: draft is editable", ref).isFalse();
      assertThat(field(form, "reason").path("validate").path("required").asBoolean())
          .as("%s: reason required whenever it is shown", ref).isTrue();
      assertThat(field(form, "reason").path("conditional").path("hide").asText())
          .as("%s: reason hidden only for a plain approval that confirms no findings", ref)
          .isEqualTo("=decision = null or (decision = \"approve\" and confirmFindings != true)");
    }
  }

  @Test
  void labelingFormsOfferTheProjectsLabelsAndShowOnlyTheFieldOfItsKind() throws IOException {
    for (String ref : new String[] {"label-item", "adjudicate-labels"}) {
      JsonNode form = JSON.readTree(new File("forms/" + ref + ".form"));
      assertThat(field(form, "text").path("readonly").asBoolean()).as("%s: the item is read-only", ref).isTrue();
      assertThat(field(form, "label").path("valuesKey").asText()).as(ref).isEqualTo("labelOptions");
      assertThat(field(form, "labels").path("valuesKey").asText()).as(ref).isEqualTo("labelOptions");
      assertThat(field(form, "label").path("conditional").path("hide").asText()).isEqualTo("=kind != \"single\"");
      assertThat(field(form, "labels").path("conditional").path("hide").asText()).isEqualTo("=kind != \"multi\"");
      assertThat(field(form, "rating").path("conditional").path("hide").asText()).isEqualTo("=kind != \"rating\"");
    }
    assertThat(keys(JSON.readTree(new File("forms/label-item.form")))).as("annotators never see others' labels")
        .doesNotContain("annotations", "majorityLabel", "finalLabel");
    assertThat(field(JSON.readTree(new File("forms/adjudicate-labels.form")), "reason").path("validate")
        .path("required").asBoolean()).as("an adjudication gives its reason").isTrue();
  }

  private static Set<String> keys(JsonNode form) {
    Set<String> keys = new HashSet<>();
    form.get("components").forEach(c -> {
      if (c.has("key")) {
        keys.add(c.get("key").asText());
      }
    });
    return keys;
  }

  private static JsonNode field(JsonNode form, String key) {
    return StreamSupport.stream(form.get("components").spliterator(), false)
        .filter(c -> key.equals(c.path("key").asText())).findFirst().orElseThrow();
  }
}
