package dev.countersign.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before its first authorization check in a command, the engine asks which groups have any grant
 * at all ({@code SELECT DISTINCT GROUP_ID_} over every grant), to leave the others out of its
 * queries. Countersign keeps a grant per open task, so on PostgreSQL, which cannot skip through an
 * index, that read every grant: 6 to 13 ms at 100,000 open tasks, in every command a user runs,
 * twice for each page of the Tasklist. On PostgreSQL this asks the group index for the next group
 * after the last instead, one index probe per group (0.4 ms). Other databases keep the engine's
 * query: H2 already answers it from the index. Figures: the README's "The Tasklist at 100,000 open
 * tasks".
 */
@Component
class AuthorizedGroups extends AbstractProcessEnginePlugin {

  /** The groups in order, each found from the one before it through the engine's index on GROUP_ID_. */
  static final String POSTGRES_SQL = """
      with recursive groups (id) as (
        select min(group_id_) from %1$sact_ru_authorization
        union all
        select (select min(group_id_) from %1$sact_ru_authorization where group_id_ > groups.id)
        from groups where groups.id is not null)
      select id from groups where id is not null""";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    // Registered under the engine's own type, so it replaces the engine's factory.
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's manager, reading the groups with grants through the group index on PostgreSQL. */
  static final class Manager extends AuthorizationManager {

    @Override
    protected Set<String> getAllGroups() {
      ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
      if (availableAuthorizedGroupIds == null && DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
        availableAuthorizedGroupIds = groupsWithGrants(getDbSqlSession().getSqlSession().getConnection(),
            configuration.getDatabaseTablePrefix());
      }
      return super.getAllGroups();
    }

    private static Set<String> groupsWithGrants(Connection connection, String tablePrefix) {
      Set<String> groups = new HashSet<>();
      try (PreparedStatement query = connection.prepareStatement(POSTGRES_SQL.formatted(tablePrefix));
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          groups.add(rows.getString(1));
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not read which groups have authorizations", e);
      }
      return groups;
    }
  }
}
