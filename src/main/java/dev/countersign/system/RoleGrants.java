package dev.countersign.system;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * What each role may do with Camunda authorization on. Tasks need no grant here: the engine gives
 * a task's candidate group read and work rights on that task only, and takes them away with the
 * task. Members of camunda-admin may do everything; nobody else may deploy or manage identities.
 * Grants are only ever added here, so what an administrator changed in Camunda Admin stays.
 */
@Component
class RoleGrants {

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";

  private final AuthorizationService authorizations;
  private final List<StartableProcess> startable;

  RoleGrants(AuthorizationService authorizations, List<StartableProcess> startable) {
    this.authorizations = authorizations;
    this.startable = startable;
  }

  void grantAll(String workersGroup) {
    // What the webapps' first-admin setup would grant: everything, to the administrators' group.
    for (Resources resource : Resources.values()) {
      grant(Roles.ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    for (String group : Roles.TASKLIST) {
      grant(group, Resources.APPLICATION, TASKLIST, ACCESS);
      // The shared "All tasks" filter; what it lists is still limited by the task grants.
      grant(group, Resources.FILTER, Authorization.ANY, READ);
    }
    for (StartableProcess process : startable) {
      for (String group : process.groups()) {
        grant(group, Resources.PROCESS_DEFINITION, process.processKey(), READ, CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, CREATE);
      }
    }
    // Operations watch in Cockpit: read every definition, instance and its history; change nothing.
    grant(Roles.OPERATIONS, Resources.APPLICATION, COCKPIT, ACCESS);
    grant(Roles.OPERATIONS, Resources.PROCESS_DEFINITION, Authorization.ANY, READ, READ_HISTORY, READ_INSTANCE);
    grant(Roles.OPERATIONS, Resources.PROCESS_INSTANCE, Authorization.ANY, READ);
    grant(Roles.OPERATIONS, Resources.DECISION_DEFINITION, Authorization.ANY, READ, READ_HISTORY);
    grant(Roles.OPERATIONS, Resources.DEPLOYMENT, Authorization.ANY, READ);
    // External tasks: fetch, lock, complete, fail, extend (on every process a worker serves).
    grant(workersGroup, Resources.PROCESS_DEFINITION, Authorization.ANY, READ, READ_INSTANCE, UPDATE_INSTANCE);
    grant(workersGroup, Resources.PROCESS_INSTANCE, Authorization.ANY, READ, UPDATE);
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    // An administrator may have added grants of their own for the same resource: extend the first.
    Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).listPage(0, 1).stream()
        .filter(existing -> existing.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
        .findFirst()
        .orElseGet(() -> authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT));
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
