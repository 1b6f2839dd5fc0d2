-- The operations dashboard reads a time window of each of these; without an index on the time
-- column every refresh would scan every decided review.
create index cs_feedback_decided_at on cs_feedback (decided_at);
create index cs_review_decision_decided_at on cs_review_decision (decided_at);
create index cs_review_draft_created_at on cs_review_draft (created_at);
-- What memory may recall, and its size per use case, from the index alone.
create index cs_feedback_recallable on cs_feedback (embedding_space, use_case, held_out);
