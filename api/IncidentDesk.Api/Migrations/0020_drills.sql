-- Drill mode (issue 11), the tables the drill run, the drill incidents and the dispatcher share.

-- Every distinct content of every drill scenario file ever loaded; a run pins (id, version, hash) and reads its
-- scenario from here, so editing a file never changes a scheduled or finished drill.
create table drill_scenario_versions (
    scenario_id     text not null,
    content_hash    text not null,
    version         int not null,
    file_name       text not null,
    content         text not null,
    first_loaded_at timestamptz not null,
    primary key (scenario_id, content_hash)
);
create trigger drill_scenario_versions_no_update_or_delete before update or delete on drill_scenario_versions
    for each row execute function events_refuse_change();

-- Drill runs, a projection of each run's stream: the drills list, the facilitator's console and the dispatcher
-- (whether a drill is in progress) read it.
create table drill_runs (
    id               uuid primary key,
    scenario_id      text not null,
    scenario_version int not null,
    title_ja         text not null,
    title_en         text not null,
    category         text not null,
    format           text not null,
    status           text not null,          -- scheduled | running | paused | stopped | ended | cancelled | reported
    facilitator_id   uuid not null,
    participant_ids  uuid[] not null,
    planned_start    timestamptz not null,
    started_at       timestamptz null,
    ended_at         timestamptz null,
    incident_id      uuid null,
    time_scale       int not null,
    webhooks_enabled boolean not null default false,
    version          bigint not null,
    updated_at       timestamptz not null
);
create index drill_runs_planned on drill_runs (planned_start desc);
create index drill_runs_in_progress on drill_runs (id) where status in ('running', 'paused', 'stopped');

-- The addresses a drill's messages may reach: the run's participants and the contact-chain members under test
-- (a projection). The dispatcher delivers a drill message only to an address listed here for its run; anything
-- else is recorded as "would have been sent" and never leaves. Addresses are stored lower-case.
create table drill_allow_list (
    run_id  uuid not null,
    address text not null,
    reason  text not null,                   -- participant | chain | webhook
    primary key (run_id, address)
);

-- Which run an incident or a message belongs to; null for everything real.
alter table incident_board add column drill_run_id uuid null;
create index incident_board_drill on incident_board (drill_run_id) where drill_run_id is not null;
alter table notification_outbox add column drill_run_id uuid null;
