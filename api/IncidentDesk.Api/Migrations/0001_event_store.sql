-- The event store: one row per stream, one row per event. Storage rules follow Marten's.
create table streams (
    stream_id   uuid primary key,
    stream_type text not null,
    version     bigint not null check (version >= 0),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table events (
    seq         bigint generated always as identity primary key,
    event_id    uuid not null unique,
    stream_id   uuid not null references streams (stream_id),
    version     bigint not null check (version > 0),
    type        text not null,
    data        jsonb not null,
    metadata    jsonb not null,
    recorded_at timestamptz not null default now(),
    constraint events_stream_version unique (stream_id, version)
);

-- Append-only: the log is evidence (seeds 001:1112-1128 ask for logs that are never overwritten).
create function events_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'events are append-only: % refused', tg_op using errcode = 'P0001';
end $$;

create trigger events_no_update_or_delete before update or delete on events
    for each row execute function events_refuse_change();
create trigger events_no_truncate before truncate on events
    for each statement execute function events_refuse_change();
