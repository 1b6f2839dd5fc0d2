-- The approved answer's vector, made with the input's by the same model (embedding_space), so that
-- memory fits answers to a new request without embedding them on every draft. Rows from before
-- this column get theirs from re-embedding in the background; until then memory embeds their
-- answers when it recalls them.
alter table cs_feedback add column answer_embedding bytea;
