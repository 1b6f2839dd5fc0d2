-- Which embedding model made a stored vector: vectors of different models are never compared.
-- Rows from before this column were all made by the in-process MiniLM model.
alter table cs_feedback add column embedding_space varchar(200);
update cs_feedback set embedding_space = 'minilm-l6-v2-q' where input_embedding is not null;
