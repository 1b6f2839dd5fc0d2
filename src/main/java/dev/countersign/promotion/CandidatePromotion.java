package dev.countersign.promotion;

/** Key, element ids, topic and variable names of {@code processes/candidate-promotion.bpmn}. */
public final class CandidatePromotion {

  public static final String PROCESS_KEY = "candidate-promotion";
  public static final String EVALUATE_TOPIC = "llm-evaluate";
  /** Business keys, and so evidence-trail chains, of promotions: {@code prompt:draft-v3}. */
  public static final String KEY_PREFIX = "prompt:";
  /** ... and of model candidates: {@code model:model-7}. */
  public static final String MODEL_KEY_PREFIX = "model:";
  /** Kinds of candidate ({@code candidateKind}); absent means a prompt. */
  public static final String PROMPT = "prompt";
  public static final String MODEL = "model";

  private CandidatePromotion() {}

  public static final class Elements {
    public static final String START_CANDIDATE_PROPOSED = "StartEvent_CandidateProposed";
    public static final String EVALUATE_CANDIDATE = "ServiceTask_EvaluateCandidate";
    public static final String APPROVE_PROMOTION = "UserTask_ApprovePromotion";
    public static final String PROMOTE_CANDIDATE = "ServiceTask_PromoteCandidate";
    public static final String RECORD_REJECTION = "ServiceTask_RecordRejection";
    public static final String END_CANDIDATE_PROMOTED = "EndEvent_CandidatePromoted";
    public static final String END_CANDIDATE_REJECTED = "EndEvent_CandidateRejected";

    private Elements() {}
  }

  public static final class Variables {
    public static final String USE_CASE = "useCase";
    public static final String CANDIDATE_KIND = "candidateKind";
    /** A prompt version ({@code draft-v3}) or a model candidate ({@code model-7}). */
    public static final String CANDIDATE_VERSION = "candidateVersion";
    public static final String CANDIDATE_DESCRIPTION = "candidateDescription";
    public static final String PROPOSED_BY = "proposedBy";
    // From the Tasklist's start form.
    public static final String BASE_VERSION = "baseVersion";
    public static final String SYSTEM_TEXT = "systemText";
    public static final String USER_TEXT = "userText";
    // From the evaluation.
    public static final String CHAMPION_VERSION = "championVersion";
    public static final String HELD_OUT_EXAMPLES = "heldOutExamples";
    /** Task-local: why the candidate cannot be promoted (too few held-out examples), or null. */
    public static final String EVIDENCE_SHORTFALL = "evidenceShortfall";
    public static final String CANDIDATE_SIMILARITY = "candidateSimilarity";
    public static final String CHAMPION_SIMILARITY = "championSimilarity";
    public static final String CANDIDATE_JUDGE_SCORE = "candidateJudgeScore";
    public static final String CHAMPION_JUDGE_SCORE = "championJudgeScore";
    public static final String CANDIDATE_FINDINGS = "candidateFindings";
    public static final String CHAMPION_FINDINGS = "championFindings";
    // From the model owner.
    public static final String DECISION = "decision";
    public static final String REASON = "reason";
    public static final String DECIDED_BY = "decidedBy";

    private Variables() {}
  }
}
