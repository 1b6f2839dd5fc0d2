package dev.countersign.system;

import java.util.List;

/** The groups Countersign knows, by the ids Camunda stores. Rules about them live where they apply. */
public final class Roles {

  public static final String REQUESTERS = "requesters";
  public static final String REVIEWERS = "reviewers";
  public static final String SENIOR_REVIEWERS = "senior-reviewers";
  public static final String COMPLIANCE = "compliance";
  public static final String MODEL_OWNERS = "model-owners";
  /** Watch the dashboard and Cockpit; may read everything there and change nothing. */
  public static final String OPERATIONS = "operations";
  /** Camunda's own administrators' group: the webapps treat its members as administrators. */
  public static final String ADMIN = "camunda-admin";
  /** The external-task workers' technical user. */
  public static final String WORKERS = "workers";

  /** The people who work in the Tasklist. */
  public static final List<String> TASKLIST = List.of(REQUESTERS, REVIEWERS, SENIOR_REVIEWERS, COMPLIANCE, MODEL_OWNERS);

  /** Who may open the operations dashboard and its figures. */
  public static final String[] DASHBOARD = {OPERATIONS, COMPLIANCE, ADMIN};

  private Roles() {}
}
