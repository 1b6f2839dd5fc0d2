package dev.countersign.automation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.springframework.stereotype.Service;

/**
 * Changes one use case and risk tier's row of {@code review-routing.dmn} as a compliance officer
 * would in Camunda Modeler: the latest deployed table, edited, deployed as its next version. The
 * deployment is named after the proposal, and every earlier version stays in the engine.
 */
@Service
class RoutingChanges {

  static final String RESOURCE = "review-routing.dmn";
  static final String SOURCE = "countersign-automation";

  private final RepositoryService repository;
  private final AutomationPolicy policy;

  RoutingChanges(RepositoryService repository, AutomationPolicy policy) {
    this.repository = repository;
    this.policy = policy;
  }

  /** Deploys the routing table with the pair's row set to {@code mode} and {@code auditSampleRate}: the deployment's id. */
  String deploy(String proposalId, String useCase, String riskTier, String mode, double auditSampleRate) {
    Map<String, Object> current = policy.routing(useCase, riskTier);
    DmnModelInstance model = latest();
    DecisionTable table = model.getModelElementById("DecisionTable_ReviewRouting");
    Rule rule = pairRule(table, useCase, riskTier);
    if (rule == null) {
      // A row of its own, first, so that it wins under the FIRST hit policy; it keeps what the pair had.
      rule = newRule(model, table, useCase, riskTier, current);
    }
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
    for (int i = 0; i < outputs.size(); i++) {
      String name = outputs.get(i).getName();
      if ("reviewMode".equals(name)) {
        entries.get(i).getText().setTextContent("\"" + mode + "\"");
      } else if ("auditSampleRate".equals(name)) {
        entries.get(i).getText().setTextContent(String.format(Locale.ROOT, "%s", auditSampleRate));
      }
    }
    describe(model, rule, "Set to " + mode + " by automation proposal " + proposalId + ".");
    Deployment deployment = repository.createDeployment().name("automation:" + proposalId).source(SOURCE)
        .addModelInstance(RESOURCE, model).deploy();
    return deployment.getId();
  }

  private DmnModelInstance latest() {
    DecisionDefinition routing = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(AutomationPolicy.ROUTING_DECISION).latestVersion().singleResult();
    try (InputStream xml = repository.getResourceAsStream(routing.getDeploymentId(), routing.getResourceName())) {
      return Dmn.readModelFromStream(xml);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the deployed routing table", e);
    }
  }

  private static Rule pairRule(DecisionTable table, String useCase, String riskTier) {
    for (Rule rule : table.getRules()) {
      List<InputEntry> inputs = new ArrayList<>(rule.getInputEntries());
      if (inputs.size() == 2 && ("\"" + useCase + "\"").equals(inputs.get(0).getTextContent().trim())
          && ("\"" + riskTier + "\"").equals(inputs.get(1).getTextContent().trim())) {
        return rule;
      }
    }
    return null;
  }

  private static Rule newRule(DmnModelInstance model, DecisionTable table, String useCase, String riskTier,
      Map<String, Object> current) {
    String id = "Rule_Automation_" + safe(useCase) + "_" + safe(riskTier);
    Rule rule = model.newInstance(Rule.class, id);
    rule.getInputEntries().add(inputEntry(model, id + "_UseCase", "\"" + useCase + "\""));
    rule.getInputEntries().add(inputEntry(model, id + "_RiskTier", "\"" + riskTier + "\""));
    for (Output output : table.getOutputs()) {
      OutputEntry entry = model.newInstance(OutputEntry.class, id + "_" + output.getName());
      entry.setText(text(model, literal(current.get(output.getName()))));
      rule.getOutputEntries().add(entry);
    }
    if (table.getRules().isEmpty()) {
      table.getRules().add(rule);
    } else {
      table.getDomElement().insertChildElementAfter(rule.getDomElement(),
          elementBefore(table, table.getRules().iterator().next()));
    }
    return rule;
  }

  /** The table's child element just before {@code first}: the last output, or an annotation. */
  private static DomElement elementBefore(DecisionTable table, Rule first) {
    DomElement previous = null;
    for (DomElement child : table.getDomElement().getChildElements()) {
      if (child.equals(first.getDomElement())) {
        return previous;
      }
      previous = child;
    }
    return previous;
  }

  private static InputEntry inputEntry(DmnModelInstance model, String id, String expression) {
    InputEntry entry = model.newInstance(InputEntry.class, id);
    entry.setText(text(model, expression));
    return entry;
  }

  private static Text text(DmnModelInstance model, String content) {
    Text text = model.newInstance(Text.class);
    text.setTextContent(content);
    return text;
  }

  private static String literal(Object value) {
    if (value instanceof String string) {
      return "\"" + string + "\"";
    }
    return String.valueOf(value);
  }

  private static void describe(DmnModelInstance model, Rule rule, String words) {
    Description description = rule.getDescription();
    if (description == null) {
      description = model.newInstance(Description.class);
      rule.setDescription(description);
    }
    description.setTextContent(words);
  }

  private static String safe(String value) {
    return value.replaceAll("[^A-Za-z0-9]", "_");
  }
}
