-- The Hangfire job that holds each relayed timer, so that the due-timer pump can hand it to the queue at its due
-- time (Hangfire's own scheduler moves due jobs one at a time, and by whole seconds).
alter table timer_outbox add column job_id text null;
alter table timer_outbox add column enqueued_at timestamptz null;
create index timer_outbox_waiting on timer_outbox (due_at) where job_id is not null and enqueued_at is null;
