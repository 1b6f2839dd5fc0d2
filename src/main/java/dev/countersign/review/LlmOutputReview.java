package dev.countersign.review;

/** Key, element ids, topics and variable names of {@code processes/llm-output-review.bpmn}. */
public final class LlmOutputReview {

  public static final String PROCESS_KEY = "llm-output-review";
  public static final String ROUTING_DECISION = "review-routing";
  public static final String AUTO_APPROVAL_DECISION = "auto-approval";

  private LlmOutputReview() {}

  public static final class Elements {
    public static final String START_REVIEW_REQUESTED = "StartEvent_ReviewRequested";
    public static final String ROUTE_REQUEST = "BusinessRuleTask_RouteRequest";
    public static final String GENERATE_DRAFT = "ServiceTask_GenerateDraft";
    public static final String SCREEN_DRAFT = "ServiceTask_ScreenDraft";
    public static final String CHECK_AUTO_APPROVAL = "BusinessRuleTask_CheckAutoApproval";
    public static final String REVIEW_DRAFT = "UserTask_ReviewDraft";
    public static final String PANEL_REVIEW = "UserTask_PanelReview";
    public static final String PANEL_OVERDUE = "BoundaryEvent_PanelOverdue";
    public static final String ASSESS_PANEL = "ServiceTask_AssessPanel";
    public static final String ADJUDICATE_DRAFT = "UserTask_AdjudicateDraft";
    public static final String REVIEW_OVERDUE = "BoundaryEvent_ReviewOverdue";
    public static final String ESCALATED_REVIEW = "UserTask_EscalatedReview";
    public static final String COMPLIANCE_DECISION = "UserTask_ComplianceDecision";
    public static final String SECOND_REVIEW = "UserTask_SecondReview";
    public static final String RECORD_FEEDBACK = "ServiceTask_RecordFeedback";
    public static final String END_DRAFT_APPROVED = "EndEvent_DraftApproved";
    public static final String END_DRAFT_REJECTED = "EndEvent_DraftRejected";

    private Elements() {}
  }

  public static final class Topics {
    public static final String GENERATE = "llm-generate";
    public static final String SCREEN = "llm-screen";

    private Topics() {}
  }

  public static final class Variables {
    // Set when the request arrives.
    public static final String USE_CASE = "useCase";
    public static final String INPUT = "input";
    public static final String RISK_TIER = "riskTier";
    public static final String REQUESTER = "requester";
    public static final String AUDIT_DRAW = "auditDraw";
    // From the routing decision. Review modes: AUTO, SINGLE, FOUR_EYES, PANEL.
    public static final String REVIEW_MODE = "reviewMode";
    public static final String REVIEWER_GROUP = "reviewerGroup";
    public static final String REVIEW_SLA = "reviewSla";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String AUDIT_SAMPLE_RATE = "auditSampleRate";
    /** PANEL: how many distinct reviewers decide each draft independently. */
    public static final String PANEL_SIZE = "panelSize";
    /** Reviewers see neither the model nor the judge's verdict. */
    public static final String BLIND_REVIEW = "blindReview";
    // From generation. Those marked transient reach the draft log, which keeps them in cs_review_draft,
    // and are not process variables afterwards.
    public static final String ATTEMPT = "attempt";
    public static final String DRAFT = "draft";
    /** Transient: the text as the model drafted it, before anyone edited {@link #DRAFT}. */
    public static final String GENERATED_DRAFT = "generatedDraft";
    public static final String DRAFT_MODEL = "draftModel";
    public static final String PROMPT_VERSION = "promptVersion";
    /**
     * An input parameter of "Generate draft" (the Modeler template's "Prompt version"), empty unless
     * the model sets it: the prompt version to draft with instead of the use case's champion. A
     * process variable of that name pins nothing.
     */
    public static final String PINNED_PROMPT_VERSION = "pinnedPromptVersion";
    /** Transient. */
    public static final String PROMPT_TOKENS = "promptTokens";
    /** Transient. */
    public static final String COMPLETION_TOKENS = "completionTokens";
    /** Transient. JSON: the approved answers and rejected drafts the draft was written with. */
    public static final String MEMORIES_USED = "memoriesUsed";
    // From screening.
    public static final String PII_FOUND = "piiFound";
    public static final String POLICY_HIT = "policyHit";
    public static final String JUDGE_SCORE = "judgeScore";
    /** Transient. JSON: every finding; the forms show the summaries below. */
    public static final String FINDINGS = "findings";
    public static final String FINDINGS_SUMMARY = "findingsSummary";
    public static final String FINDINGS_SUMMARY_BLIND = "findingsSummaryBlind";
    public static final String AUTO_APPROVE = "autoApprove";
    // From people.
    public static final String DECISION = "decision";
    public static final String REASON = "reason";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String RUBRIC_ACCURACY = "rubricAccuracy";
    public static final String RUBRIC_CLARITY = "rubricClarity";
    public static final String RUBRIC_SAFETY = "rubricSafety";
    /** Task-local, on a form: the reviewer confirms on purpose that the text to approve keeps its findings. */
    public static final String CONFIRM_FINDINGS = "confirmFindings";
    public static final String REJECTED_DRAFT = "rejectedDraft";
    public static final String REVIEW_FEEDBACK = "reviewFeedback";
    // Four eyes: who approved the draft, shown on the second review's form (the rule itself reads cs_review_decision).
    public static final String FIRST_REVIEWER = "firstReviewer";
    // Task-local context a form shows read-only, set when the task is created: earlier decisions
    // with who made them, and for the second review the first reviewer's reason and edits.
    public static final String EARLIER_DECISIONS = "earlierDecisions";
    public static final String FIRST_REVIEWER_REASON = "firstReviewerReason";
    public static final String FIRST_REVIEWER_EDITS = "firstReviewerEdits";
    /** Task-local: the draft is the offline drafter's placeholder, which cannot be approved as it is. */
    public static final String PLACEHOLDER_DRAFT = "placeholderDraft";
    // From "Assess panel": whether the panel agreed, and for the adjudicator, who said what.
    public static final String PANEL_AGREED = "panelAgreed";
    public static final String PANEL_DECISIONS = "panelDecisions";
    // From recording.
    public static final String OUTCOME = "outcome";

    private Variables() {}
  }
}
