-- Contact-chain checks of drills (issue 11 §3), a projection of each check's stream: the results list by run, and the
-- date of the last completed check (R35: a reminder when none has completed for 12 months).
create table contact_checks (
    id            uuid primary key,
    run_id        uuid not null,
    category      text not null,
    chain_id      uuid not null,
    chain_name    text not null,
    announced     boolean not null,
    status        text not null,          -- running | completed
    members       int not null,
    acknowledged  int not null default 0,
    started_at    timestamptz not null,
    completed_at  timestamptz null,
    version       bigint not null,
    updated_at    timestamptz not null
);
create index contact_checks_run on contact_checks (run_id, started_at);
create index contact_checks_completed on contact_checks (completed_at desc) where completed_at is not null;

-- Where a message's acknowledge link lands: null for an incident's /ack page, 'drill-ack' for a contact-chain check's.
alter table notification_outbox add column ack_route text null;
