-- Read models of the admin settings (projections of the contact_chain and sla_policy streams).
create table contact_chains (
    id          uuid primary key,
    name        text not null,
    categories  text[] not null,
    department  text null,
    is_default  boolean not null,
    contacts    jsonb not null,
    version     bigint not null,
    updated_at  timestamptz not null
);

create table sla_policy (
    id          int primary key check (id = 1),
    policy      jsonb not null,
    version     bigint not null,
    updated_at  timestamptz not null
);

-- Deadlines of open incidents (projection): countdowns on the board, and what the timer relay schedules.
create table incident_deadlines (
    deadline_id uuid primary key,
    incident_id uuid not null,
    kind        text not null,
    stage       text null,
    level       int not null,
    due_at      timestamptz not null,
    status      text not null,          -- open | met | fired | superseded
    updated_at  timestamptz not null
);
create index incident_deadlines_open on incident_deadlines (incident_id) where status = 'open';

-- Outbox of timers: written in the same transaction as the deadline_set event, so no deadline is lost if
-- the process dies before Quartz hears of it; the relay schedules each row once and stamps it.
create table timer_outbox (
    deadline_id  uuid primary key,
    incident_id  uuid not null,
    due_at       timestamptz not null,
    created_at   timestamptz not null,
    scheduled_at timestamptz null
);
create index timer_outbox_unscheduled on timer_outbox (created_at) where scheduled_at is null;

-- Outbox of messages: written with the notification_queued event; the dispatcher delivers, retries and
-- records the outcome as events on the incident.
create table notification_outbox (
    notification_id  uuid primary key,
    incident_id      uuid not null,
    channel          text not null,
    address          text not null,
    recipient_name   text not null,
    language         text not null,
    subject          text not null,
    body             text not null,
    ack_link         boolean not null,
    status           text not null,      -- pending | sent | failed
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz null,
    last_error       text null,
    created_at       timestamptz not null,
    sent_at          timestamptz null
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'pending';

-- One-click acknowledge links are single-use.
create table ack_link_uses (
    notification_id uuid primary key,
    incident_id     uuid not null,
    used_at         timestamptz not null
);

alter table incident_board add column ack_due_at timestamptz null;
alter table incident_board add column triage_due_at timestamptz null;
alter table incident_board add column breached boolean not null default false;
