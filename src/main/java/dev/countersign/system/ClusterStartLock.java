package dev.countersign.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Engine nodes that start at once on an empty database take turns at the engine's schema. Camunda
 * checks whether its tables exist and then creates them, with no lock between the two (its own
 * locks are rows of those tables), so two nodes could both create them and one fail to start.
 * Camunda's deployment lock keeps the deployment single, and Flyway locks our tables' migrations.
 */
@Component
class ClusterStartLock extends AbstractProcessEnginePlugin {

  private final ClusterLock lock;
  private ClusterLock.Held held;

  ClusterStartLock(ClusterLock lock) {
    this.lock = lock;
  }

  /** After the configuration, before the schema operations. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    held = lock.hold("the engine's schema operations");
  }

  /** After the schema operations. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (held != null) {
      held.close();
      held = null;
    }
  }
}
