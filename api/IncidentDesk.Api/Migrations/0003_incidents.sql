create extension if not exists pg_trgm;

-- Read model behind the board and the list query (projection of the incident streams).
create table incident_board (
    id              uuid primary key,
    reference       text not null unique,
    category        text not null,
    summary         text not null,
    stage           text not null,
    severity        text null,
    severity_rank   smallint not null default 0,
    owner_id        uuid null,
    reporter_id     uuid not null,
    noticed_at      timestamptz not null,
    reported_at     timestamptz not null,
    acknowledged_at timestamptz null,
    updated_at      timestamptz not null,
    version         bigint not null
);
create index incident_board_noticed on incident_board (noticed_at desc, id);
create index incident_board_stage_noticed on incident_board (stage, noticed_at desc, id);
create index incident_board_reporter on incident_board (reporter_id, noticed_at desc);
create index incident_board_owner on incident_board (owner_id);
create index incident_board_severity on incident_board (severity_rank desc, noticed_at desc);
create index incident_board_summary_trgm on incident_board using gin (summary gin_trgm_ops);
