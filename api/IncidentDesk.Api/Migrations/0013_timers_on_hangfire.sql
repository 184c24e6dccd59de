-- Timers move from Quartz to Hangfire (schema "hangfire", created by the migrations path after the numbered
-- files). A timer now has a purpose (which handler fires it) and an owning stream: the escalation deadlines
-- are purpose 'escalation-deadline' on the incident's escalation stream, taken from the log for existing rows.
-- Rows Quartz already held are put back to unscheduled, so the relay hands them to Hangfire (firing is
-- idempotent: a deadline already fired or met changes nothing). Quartz's tables go.
alter table timer_outbox rename column deadline_id to timer_id;
alter table timer_outbox add column purpose text not null default 'escalation-deadline'
    check (length(purpose) between 1 and 40);
alter table timer_outbox alter column purpose drop default;
alter table timer_outbox add column stream_id uuid;

update timer_outbox o set stream_id = e.stream_id
from mt_events e
where e.type = 'deadline_set' and (e.data->>'deadlineId')::uuid = o.timer_id;

delete from timer_outbox where stream_id is null;
alter table timer_outbox alter column stream_id set not null;
update timer_outbox set scheduled_at = null where scheduled_at is not null and due_at > now() - interval '1 day';

do $$
declare t record;
begin
    for t in select tablename from pg_tables where schemaname = current_schema() and tablename like 'qrtz\_%' loop
        execute format('drop table %I cascade', t.tablename);
    end loop;
end $$;
