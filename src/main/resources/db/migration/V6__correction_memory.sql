-- Few-shot memory: which draft a decision was about, so a rejected draft and its reason can be
-- offered later as a mistake to avoid; and which memories each draft was written with.
alter table cs_review_decision add column attempt int;
alter table cs_review_draft add column memories_json text;
