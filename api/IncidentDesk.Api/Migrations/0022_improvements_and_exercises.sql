-- Improvement items (after-action follow-up with owner, due date and status) and logged exercises (R37: backup restore,
-- phishing simulation), each a projection of its streams.

create table improvement_items (
    item_id            uuid primary key,
    title              text not null,
    owner_id           uuid not null,
    due_date           date not null,
    status             text not null,       -- open | in-progress | done | verified
    run_id             uuid null,
    scenario_id        text null,
    exercise_id        uuid null,
    expected_action_id text null,
    contact_person     text null,
    playbook_id        text null,
    step_id            text null,
    retest_run_id      uuid null,
    retest_exercise_id uuid null,
    created_by         uuid not null,
    created_at         timestamptz not null,
    version            bigint not null,
    updated_at         timestamptz not null
);
create index improvement_items_owner on improvement_items (owner_id, due_date);
create index improvement_items_run on improvement_items (run_id) where run_id is not null;
create index improvement_items_scenario on improvement_items (scenario_id) where scenario_id is not null;
create index improvement_items_exercise on improvement_items (exercise_id) where exercise_id is not null;

create table exercises (
    exercise_id   uuid primary key,
    type          text not null,            -- backup-restore | phishing-simulation | other
    exercise_date date not null,
    title         text not null,
    participants  int not null,
    results       jsonb not null,
    notes         text null,
    deleted       boolean not null default false,
    created_by    uuid not null,
    created_at    timestamptz not null,
    version       bigint not null,
    updated_at    timestamptz not null
);
create index exercises_date on exercises (exercise_date desc) where not deleted;
