package dev.countersign.oversight;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Record-keeping: refuses to deploy a process that would let history cleanup delete its records
 * sooner than {@code countersign.history.min-days} (180 by default), whoever deploys it.
 */
@Component
class HistoryPolicyPlugin extends AbstractProcessEnginePlugin {

  private final int minDays;

  HistoryPolicyPlugin(@Value("${countersign.history.min-days:180}") int minDays) {
    this.minDays = minDays;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        Integer days = definition.getHistoryTimeToLive();
        if (days == null || days < minDays) {
          throw new ProcessEngineException("Process '" + definition.getKey() + "' keeps its history " + days
              + " days; Countersign's record-keeping policy needs at least " + minDays
              + " (camunda:historyTimeToLive, countersign.history.min-days)");
        }
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }
}
