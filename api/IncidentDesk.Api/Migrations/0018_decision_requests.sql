-- Decision requests (issue 10), a projection of each request's own stream: the organisation-wide decision log, an
-- incident's decision log and an Executive's pending decisions read this table. The request itself (what was asked
-- and shown, every approver's decision) is read from its stream.
create table decision_requests (
    decision_id    uuid primary key,
    incident_id    uuid not null,
    reference      text not null,
    kind           text not null,
    step_id        text null,
    question       text not null,
    status         text not null,          -- requested | info_asked | decided | lapsed | withdrawn
    reach          text not null,          -- approvers | deputies | all_executives
    quorum         text not null,
    needed_by      timestamptz not null,
    requested_by   uuid not null,
    requested_at   timestamptz not null,
    approver_ids   uuid[] not null,
    deputy_ids     uuid[] not null,
    option_labels  jsonb not null,         -- option id -> label, as asked
    votes          jsonb not null default '{}',  -- approver id -> option id (each approver's latest)
    option_id      text null,              -- the outcome's option (decided, superseded or the default applied)
    option_label   text null,
    decided_by     uuid null,
    decided_at     timestamptz null,
    disagreement   boolean not null default false,
    open_questions int not null default 0,  -- questions asked by approvers and not answered yet
    superseded     int not null default 0,
    version        bigint not null,
    updated_at     timestamptz not null
);
create index decision_requests_incident on decision_requests (incident_id, requested_at desc);
-- Pending requests, most urgent first (an Executive's desk, the board's badges).
create index decision_requests_open on decision_requests (needed_by) where status in ('requested', 'info_asked');
create index decision_requests_requested_at on decision_requests (requested_at desc);
