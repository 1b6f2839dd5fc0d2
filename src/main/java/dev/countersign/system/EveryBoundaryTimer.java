package dev.countersign.system;

import org.camunda.bpm.engine.delegate.ExecutionListener;

/** An execution listener the engine attaches to the start of every boundary timer of every model. */
public interface EveryBoundaryTimer extends ExecutionListener {}
