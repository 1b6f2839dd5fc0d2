package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.NodeTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates under element-templates/: valid under the Camunda 7
 * template schema (the schema maintainers' validator, from npm), and used by our own models with
 * every value they fix, so opening a model in Modeler shows the templated properties panel. A field
 * the modeller may leave empty (the prompt version) may be absent.
 */
class ElementTemplatesTests {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTemplateIsValidUnderTheCamunda7Schema() throws Exception {
    NodeTool validator = new NodeTool("tools/element-templates", "@bpmn-io/element-templates-validator");
    NodeTool.Result result = validator.run(List.of("node", "validate.js"), 120);
    assertThat(result.exitCode()).as("the validator found problems:\n" + result.output()).isZero();
    assertThat(result.output().strip()).as("no error and no warning").isEmpty();
  }

  @Test
  void ourModelsUseEveryTemplateWithTheValuesItFixes() throws Exception {
    List<BpmnModelInstance> models = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      files.filter(f -> f.toString().endsWith(".bpmn")).forEach(f -> models.add(Bpmn.readModelFromFile(f.toFile())));
    }
    File[] templates = new File("element-templates").listFiles((dir, name) -> name.endsWith(".json"));
    assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
    for (File file : templates) {
      JsonNode template = JSON.readTree(file);
      String id = template.get("id").asText();
      List<BaseElement> uses = models.stream()
          .flatMap(model -> model.getModelElementsByType(BaseElement.class).stream())
          .filter(element -> id.equals(element.getAttributeValueNs(CAMUNDA, "modelerTemplate")))
          .toList();
      assertThat(uses).as("elements of our models that use %s", id).isNotEmpty();
      for (BaseElement element : uses) {
        assertThat(element.getAttributeValueNs(CAMUNDA, "modelerTemplateVersion")).as(element.getId())
            .isEqualTo(template.get("version").asText());
        for (JsonNode property : template.get("properties")) {
          assertBound(element, property);
        }
      }
    }
  }

  private static void assertBound(BaseElement element, JsonNode property) {
    JsonNode binding = property.get("binding");
    String value = property.path("value").asText();
    boolean fixed = "Hidden".equals(property.get("type").asText());
    String what = element.getId() + " " + binding;
    switch (binding.get("type").asText()) {
      case "property" -> {
        String name = binding.get("name").asText();
        String actual = name.startsWith("camunda:")
            ? element.getAttributeValueNs(CAMUNDA, name.substring("camunda:".length())) : element.getAttributeValue(name);
        assertThat(actual).as(what).isNotNull();
        if (fixed) {
          assertThat(actual).as(what).isEqualTo(value);
        }
      }
      case "camunda:inputParameter" -> {
        List<CamundaInputParameter> inputs = element.getExtensionElements().getElementsQuery()
            .filterByType(CamundaInputOutput.class).singleResult()
            .getCamundaInputParameters().stream()
            .filter(input -> input.getCamundaName().equals(binding.get("name").asText())).toList();
        if (fixed || !value.isEmpty()) {
          assertThat(inputs).as(what).hasSize(1);
        }
        if (fixed) {
          assertThat(inputs.get(0).getTextContent().strip()).as(what).isEqualTo(value);
        }
      }
      case "camunda:executionListener" -> assertThat(element.getExtensionElements()
          .getElementsQuery().filterByType(CamundaExecutionListener.class).list().stream()
          .map(listener -> Map.of(listener.getCamundaEvent(), String.valueOf(listener.getCamundaExpression()))))
          .as(what).contains(Map.of(binding.get("event").asText(), value));
      default -> throw new AssertionError("A binding this test does not check yet: " + what);
    }
  }
}
