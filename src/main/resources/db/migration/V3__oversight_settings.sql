-- Switches compliance sets at run time; the current value only: every change is in the audit trail.
create table cs_oversight_setting (
  name       varchar(100) primary key,
  setting    varchar(255) not null,
  reason     text,
  changed_by varchar(255) not null,
  changed_at timestamp with time zone not null
);
