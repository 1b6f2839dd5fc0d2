package dev.countersign.retraining;

/** Key, element ids, message, topics and variable names of {@code processes/model-retraining.bpmn}. */
public final class ModelRetraining {

  public static final String PROCESS_KEY = "model-retraining";
  /** Correlated when a use case has gathered the configured number of new training examples. */
  public static final String FEEDBACK_MESSAGE = "RetrainingFeedbackArrived";
  public static final String BUILD_DATASET_TOPIC = "dataset-build";
  public static final String START_FINE_TUNE_TOPIC = "fine-tune-start";
  public static final String CHECK_FINE_TUNE_TOPIC = "fine-tune-check";
  /** Who proposes the candidates retraining makes, in the promotion and the evidence trail. */
  public static final String ACTOR = "model-retraining";

  private ModelRetraining() {}

  public static final class Elements {
    public static final String START_SCHEDULED = "StartEvent_RetrainingScheduled";
    public static final String START_FEEDBACK_ARRIVED = "StartEvent_FeedbackArrived";
    public static final String FIND_DUE_USE_CASES = "ServiceTask_FindDueUseCases";
    public static final String ANY_USE_CASE_DUE = "Gateway_AnyUseCaseDue";
    public static final String END_NOTHING_DUE = "EndEvent_NothingDue";
    public static final String RETRAIN_USE_CASE = "SubProcess_RetrainUseCase";
    public static final String BUILD_DATASET = "ServiceTask_BuildDataset";
    public static final String ENOUGH_EXAMPLES = "Gateway_EnoughExamples";
    public static final String END_TOO_FEW_EXAMPLES = "EndEvent_TooFewExamples";
    public static final String START_FINE_TUNE = "ServiceTask_StartFineTune";
    public static final String JOB_FINISHED = "Gateway_JobFinished";
    public static final String POLL_INTERVAL_ELAPSED = "TimerEvent_PollIntervalElapsed";
    public static final String CHECK_FINE_TUNE = "ServiceTask_CheckFineTune";
    public static final String DECIDE_ON_CANDIDATE = "CallActivity_CandidatePromotion";
    public static final String END_CANDIDATE_DECIDED = "EndEvent_CandidateDecided";
    public static final String END_ROUND_FINISHED = "EndEvent_RetrainingRoundFinished";

    private Elements() {}
  }

  public static final class Variables {
    /** Set by the feedback message: the one use case that reached the threshold. */
    public static final String TRIGGERED_FOR = "triggeredFor";
    /** Set when a person asked for the retraining: then any new example is enough. */
    public static final String REQUESTED_BY = "requestedBy";
    public static final String USE_CASES = "useCases";
    /** The multi-instance element variable: the use case one branch retrains. */
    public static final String USE_CASE = "useCase";
    public static final String FEEDBACK_UNTIL = "feedbackUntil";
    public static final String DATASET_EXPORT_ID = "datasetExportId";
    public static final String DATASET_FILE = "datasetFile";
    public static final String DATASET_SHA256 = "datasetSha256";
    public static final String TRAINING_EXAMPLES = "trainingExamples";
    public static final String FINE_TUNE_JOB = "fineTuneJob";
    /** RUNNING or SUCCEEDED; a failed job is an incident, not a value. */
    public static final String FINE_TUNE_STATE = "fineTuneState";

    private Variables() {}
  }
}
