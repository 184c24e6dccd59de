-- The timer relay takes unscheduled deadlines by due time (only those within its horizon go to Quartz).
drop index timer_outbox_unscheduled;
create index timer_outbox_unscheduled on timer_outbox (due_at) where scheduled_at is null;
