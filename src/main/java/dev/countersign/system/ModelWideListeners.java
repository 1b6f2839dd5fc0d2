package dev.countersign.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Attaches every {@link EveryUserTask} and {@link EveryBoundaryTimer} bean to each deployed model
 * as it is parsed. Rules such as the evidence trail live here rather than in the BPMN, where
 * whoever edits a model could delete them.
 */
@Component
class ModelWideListeners extends AbstractProcessEnginePlugin {

  private final List<EveryUserTask> taskListeners;
  private final List<EveryBoundaryTimer> timerListeners;

  ModelWideListeners(List<EveryUserTask> taskListeners, List<EveryBoundaryTimer> timerListeners) {
    this.taskListeners = taskListeners;
    this.timerListeners = timerListeners;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskListeners.forEach(listener -> listener.events().forEach(event -> definition.addTaskListener(event, listener)));
      }

      @Override
      public void parseBoundaryTimerEventDefinition(Element timerEventDefinition, boolean interrupting,
          ActivityImpl timerActivity) {
        timerListeners.forEach(listener -> timerActivity.addListener(ExecutionListener.EVENTNAME_START, listener));
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
