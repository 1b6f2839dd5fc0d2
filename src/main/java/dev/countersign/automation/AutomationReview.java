package dev.countersign.automation;

/** The {@code automation-review} process: its key, element ids, message and variable names. */
public final class AutomationReview {

  public static final String PROCESS_KEY = "automation-review";
  /** Starts a look for earned automation now, as the schedule does. */
  public static final String REVIEW_MESSAGE = "AutomationReviewRequested";
  /** Starts the drift path: a pair running unattended is demoted at once and compliance is told why. */
  public static final String DRIFT_MESSAGE = "AutomationDrifted";
  public static final String POLICY_DECISION = "automation-proposal";
  public static final String DRIFT_DECISION = "automation-drift";

  private AutomationReview() {}

  public static final class Elements {
    public static final String REVIEW_SCHEDULED = "StartEvent_ReviewScheduled";
    public static final String REVIEW_REQUESTED = "StartEvent_ReviewRequested";
    public static final String MERGE_STARTS = "Gateway_MergeStarts";
    public static final String FIND_EARNED = "ServiceTask_FindEarnedAutomation";
    public static final String ANY_EARNED = "Gateway_AnyEarned";
    public static final String NOTHING_EARNED = "EndEvent_NothingEarned";
    public static final String DECIDE_PROPOSAL = "SubProcess_DecideProposal";
    public static final String PROPOSAL_OPENED = "StartEvent_ProposalOpened";
    public static final String APPROVE_AUTOMATION = "UserTask_ApproveAutomation";
    public static final String AUTOMATION_APPROVED = "Gateway_AutomationApproved";
    public static final String DEPLOY_ROUTING = "ServiceTask_DeployRoutingChange";
    public static final String HOLD_PROPOSAL = "ServiceTask_HoldProposalBack";
    public static final String AUTOMATION_DEPLOYED = "EndEvent_AutomationDeployed";
    public static final String PROPOSAL_HELD_BACK = "EndEvent_ProposalHeldBack";
    public static final String PROPOSALS_DECIDED = "EndEvent_ProposalsDecided";
    public static final String AUTOMATION_DRIFTED = "StartEvent_AutomationDrifted";
    public static final String DEMOTE = "ServiceTask_DemoteAutomation";
    public static final String REVIEW_DEMOTION = "UserTask_ReviewDemotion";
    public static final String DEMOTION_REVIEWED = "EndEvent_DemotionReviewed";

    private Elements() {}
  }

  public static final class Variables {
    public static final String PROPOSAL_IDS = "proposalIds";
    public static final String PROPOSAL_ID = "proposalId";
    /** Task-local, for the forms: the evidence and the exact routing change, in words. */
    public static final String EVIDENCE = "evidence";
    public static final String CHANGE = "proposedChange";
    public static final String DECISION = "decision";
    public static final String REASON = "reason";
    public static final String USE_CASE = "useCase";
    public static final String RISK_TIER = "riskTier";
    public static final String DRIFT = "drift";

    private Variables() {}
  }
}
