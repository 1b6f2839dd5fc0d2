-- Every worker's results are kept here, not only LLM calls': the name says so now.
alter table cs_llm_call rename to cs_worker_result;
