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

-- 4. Until now a form opened with the previous person's reason and scores in it, and completing it
--    recorded them as the next person's. A reason or rubric identical to the one the previous decision
--    on the same request recorded, by someone else, is taken as inherited, not given, and cleared.
--    Which rows to clear is settled before any is cleared, so both databases read the same state.
--    The evidence trail keeps its entries as they were: it is append-only and hash-chained.
create table cs_v17_inherited (id bigint primary key, reason_inherited boolean, rubric_inherited boolean);
insert into cs_v17_inherited (id, reason_inherited, rubric_inherited)
  select d.id,
    d.reason is not null and cast(d.reason as varchar(100000)) = cast(p.reason as varchar(100000)),
    d.rubric_json is not null and cast(d.rubric_json as varchar(100000)) = cast(p.rubric_json as varchar(100000))
  from cs_review_decision d join cs_review_decision p on p.request_id = d.request_id and p.reviewer <> d.reviewer
    and p.id = (select max(e.id) from cs_review_decision e where e.request_id = d.request_id and e.id < d.id);
update cs_review_decision set reason = null
  where id in (select id from cs_v17_inherited where reason_inherited);
update cs_review_decision set rubric_json = null
  where id in (select id from cs_v17_inherited where rubric_inherited);
drop table cs_v17_inherited;
-- A feedback row keeps its reason only where its reviewer's last decision on the request still has it.
update cs_feedback f set reason = null
  where reason is not null and not exists (select 1 from cs_review_decision d where d.request_id = f.request_id
    and d.id = (select max(x.id) from cs_review_decision x where x.request_id = f.request_id and x.reviewer = f.reviewer)
    and cast(d.reason as varchar(100000)) = cast(f.reason as varchar(100000)));
