package dev.countersign.escalation;

import dev.countersign.system.EveryUserTask;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a task moves to another group, the group it leaves loses access to it. Camunda grants a
 * candidate group rights on a task when the group is added, but keeps them when it is removed;
 * this listener revokes the grants of every group that is no longer a candidate.
 */
@Component
class CandidateGroupAccess implements EveryUserTask {

  private static final Logger log = LoggerFactory.getLogger(CandidateGroupAccess.class);

  @Override
  public List<String> events() {
    return List.of(EVENTNAME_UPDATE);
  }

  @Override
  public void notify(DelegateTask task) {
    // A link removed in this command is still in the task's list, marked deleted in the entity cache.
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    Set<String> candidates = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .filter(link -> !(link instanceof IdentityLinkEntity entity && cache.isDeleted(entity)))
        .map(IdentityLink::getGroupId).collect(Collectors.toSet());
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    // Whoever moved the task need not be allowed to read grants; the engine's own bookkeeping is.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
          .resourceId(task.getId()).listPage(0, 100)) {
        if (grant.getGroupId() != null && !candidates.contains(grant.getGroupId())) {
          authorizations.deleteAuthorization(grant.getId());
          log.info("Task {} ({}) left group {}: its access revoked", task.getId(), task.getTaskDefinitionKey(),
              grant.getGroupId());
        }
      }
      return null;
    });
  }
}
