package dev.countersign.labeling;

/** Key, element ids and variable names of {@code processes/data-labeling.bpmn}. */
public final class DataLabeling {

  public static final String PROCESS_KEY = "data-labeling";
  public static final String POLICY_DECISION = "labeling-policy";
  /** Business key of an item's instance, and so its evidence chain: this prefix and the item id. */
  public static final String ITEM_KEY_PREFIX = "labeling-item:";
  /** Evidence chain of a project: this prefix and the project id. */
  public static final String PROJECT_CHAIN_PREFIX = "labeling-project:";

  private DataLabeling() {}

  public static final class Elements {
    public static final String ITEM_STARTED = "StartEvent_ItemStarted";
    public static final String LABEL_ITEM = "UserTask_LabelItem";
    public static final String ASSESS_LABELS = "ServiceTask_AssessLabels";
    public static final String GOLD_ITEM = "Gateway_GoldItem";
    public static final String APPLY_POLICY = "BusinessRuleTask_ApplyLabelingPolicy";
    public static final String LABELS_ACCEPTED = "Gateway_LabelsAccepted";
    public static final String ADJUDICATE_LABELS = "UserTask_AdjudicateLabels";
    public static final String MERGE_FINAL_LABEL = "Gateway_MergeFinalLabel";
    public static final String RECORD_FINAL_LABEL = "ServiceTask_RecordFinalLabel";
    public static final String ITEM_LABELED = "EndEvent_ItemLabeled";

    private Elements() {}
  }

  public static final class Variables {
    // Set when the item's instance starts; none of them tells a gold item from another.
    public static final String PROJECT_ID = "projectId";
    public static final String ITEM_ID = "itemId";
    public static final String TEXT = "text";
    public static final String QUESTION = "question";
    /** single, multi or rating: which field of the forms applies. */
    public static final String KIND = "kind";
    /** Json: the project's labels, the options the forms offer. */
    public static final String LABEL_OPTIONS = "labelOptions";
    public static final String ANNOTATORS_PER_ITEM = "annotatorsPerItem";
    public static final String ANNOTATOR_GROUP = "annotatorGroup";
    public static final String ADJUDICATOR_GROUP = "adjudicatorGroup";
    public static final String RISK_TIER = "riskTier";
    // Task-local: what one person submits.
    public static final String LABEL = "label";
    public static final String LABELS = "labels";
    public static final String RATING = "rating";
    public static final String REASON = "reason";
    /** Task-local on adjudication: every label with its reason, for the adjudicator. */
    public static final String ANNOTATIONS = "annotations";
    // From "Assess labels", once every annotation is in.
    public static final String GOLD = "goldItem";
    public static final String UNANIMOUS = "unanimous";
    public static final String MAJORITY_SHARE = "majorityShare";
    public static final String MAJORITY_LABEL = "majorityLabel";
    // From the policy: accept or adjudicate.
    public static final String POLICY_OUTCOME = "labelingOutcome";
    // The label that stands, as JSON, and how it was reached (UNANIMOUS, MAJORITY, ADJUDICATED, GOLD).
    public static final String FINAL_LABEL = "finalLabel";
    public static final String AGREEMENT = "agreement";

    private Variables() {}
  }
}
