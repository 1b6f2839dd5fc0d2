-- What a person decides is theirs alone (see docs/decisions/0001-judgments-are-task-local.md).

-- 1. Learning leaves out the offline drafter's placeholder: a text no model and no person wrote.
alter table cs_feedback add column placeholder boolean default false not null;
update cs_feedback set placeholder = true where final_text like '%[Drafted without a language model:%';

-- 2. Memory unlearns: an approved answer offered again as a draft and then edited or rejected by a
--    person is retired, and names the request in which that happened (feedback.MemoryRetirement).
alter table cs_feedback add column retired_by varchar(36);

-- 3. Memory recalls only what people decided, so its index drops the placeholders and the
--    auto-approvals it held (memory.VectorIndex catches up from these changes).
insert into cs_memory_change (request_id)
  select request_id from cs_feedback where placeholder or decision = 'auto' order by decided_at;

-- 4. Until now a form could open with an earlier person's reason and scores in it, and completing it
--    recorded them as the next person's. A reason or rubric identical to one given earlier on the
--    same request by someone else is taken as inherited, not given, and cleared. The evidence trail
--    keeps its entries as they were: it is append-only and hash-chained.
update cs_review_decision d set reason = null
  where reason is not null and exists (select 1 from cs_review_decision e where e.request_id = d.request_id
    and e.id < d.id and e.reviewer <> d.reviewer and cast(e.reason as varchar(100000)) = cast(d.reason as varchar(100000)));
update cs_review_decision d set rubric_json = null
  where rubric_json is not null and exists (select 1 from cs_review_decision e where e.request_id = d.request_id
    and e.id < d.id and e.reviewer <> d.reviewer
    and cast(e.rubric_json as varchar(100000)) = cast(d.rubric_json as varchar(100000)));
update cs_feedback f set reason = null
  where reason is not null and not exists (select 1 from cs_review_decision d where d.request_id = f.request_id
    and d.reviewer = f.reviewer and cast(d.reason as varchar(100000)) = cast(f.reason as varchar(100000)));
