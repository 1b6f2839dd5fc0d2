package dev.countersign.system;

import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A task listener the engine attaches to every user task of every model, for rules that must hold
 * whatever a model says (see {@link ModelWideListeners}).
 */
public interface EveryUserTask extends TaskListener {

  /** The task events to listen to, such as {@link TaskListener#EVENTNAME_CREATE}. */
  List<String> events();
}
