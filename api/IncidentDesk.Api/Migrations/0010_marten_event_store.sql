-- The event store is Marten's now (mt_streams / mt_events, created before these migrations run). The stand-in's
-- tables go: no production data existed when the move was made, so nothing is carried over.
drop table if exists events;
drop table if exists streams;

-- Append-only: the log is evidence (seeds 001:1112-1128 ask for logs that are never overwritten). Marten only
-- ever inserts into mt_events on our paths (appends, and the tombstones that fill sequence gaps).
create or replace function events_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'events are append-only: % refused', tg_op using errcode = 'P0001';
end $$;

create trigger mt_events_no_update_or_delete before update or delete on mt_events
    for each row execute function events_refuse_change();
create trigger mt_events_no_truncate before truncate on mt_events
    for each statement execute function events_refuse_change();
