-- Earned autonomy: the review mode each decided request went through (AUTO marks the ones a person
-- checked only as an audit), and the proposals to automate a use case and risk tier.
alter table cs_feedback add column review_mode varchar(20);

create table cs_automation_proposal (
  id                  varchar(36)  primary key,
  use_case            varchar(100) not null,
  risk_tier           varchar(20)  not null,
  kind                varchar(20)  not null,
  status              varchar(20)  not null,
  audit_sample_rate   double precision,
  evidence_json       text         not null,
  reason              text,
  created_at          timestamp    not null,
  decided_at          timestamp,
  decided_by          varchar(255),
  deployment_id       varchar(64)
);
create index cs_automation_proposal_pair on cs_automation_proposal (use_case, risk_tier, created_at);
create index cs_feedback_pair_decided on cs_feedback (use_case, risk_tier, decided_at);
