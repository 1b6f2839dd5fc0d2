-- Prompt versions written by people. A version's parts that are not given come from its base
-- version (a built-in one under classpath:prompts, or another of these). Versions are never
-- edited: a change is a new version, which goes through candidate-promotion before it is used.
create table cs_prompt_version (
  id           varchar(100) primary key,
  base_version varchar(100) not null,
  system_text  text,
  user_text    text,
  created_by   varchar(255) not null,
  created_at   timestamp with time zone not null,
  status       varchar(20)  not null
);

-- The prompt version drafting uses per use case; none means the configured default.
create table cs_prompt_champion (
  use_case         varchar(100) primary key,
  prompt_version   varchar(100) not null,
  previous_version varchar(100),
  changed_by       varchar(255) not null,
  changed_at       timestamp with time zone not null
);
