-- What the board must make stand out (issue 9 §5): overdue, escalated and breached incidents, and possible
-- duplicate reports.
--
-- ack_first_due_at: the first acknowledgement deadline, kept until someone acknowledges (ack_due_at moves on to
-- the next contact's deadline at each escalation, yet the acknowledgement stays overdue). overdue_at is the
-- earliest unmet due time (acknowledgement or triage); an incident is overdue when it has passed, which the board
-- query compares with the time of the read.
alter table incident_board add column ack_first_due_at timestamptz null;
alter table incident_board add column overdue_at timestamptz generated always as (least(ack_first_due_at, triage_due_at)) stored;
-- The highest contact level alerted (0 = first contact); above 0 the report was escalated.
alter table incident_board add column escalation_level smallint not null default 0;
alter table incident_board add column duplicate_of_id uuid null;
alter table incident_board add column duplicate_of_reference text null;

-- Boards built before this migration: the current acknowledgement deadline stands in for the first one, and the
-- levels come from the deadlines (`rebuild board deadlines` replays the exact values).
update incident_board set ack_first_due_at = ack_due_at where acknowledged_at is null and ack_due_at is not null;
update incident_board b set escalation_level = d.level
  from (select incident_id, max(level)::smallint as level from incident_deadlines where kind = 'acknowledge' group by incident_id) d
 where d.incident_id = b.id and d.level > 0;

-- Every attention filter adds this predicate, so one partial index in board order serves them all; it holds the
-- few incidents that need attention, not the closed mass (tests/bench: 100k incidents).
create index incident_board_attention on incident_board (noticed_at desc, id)
  where overdue_at is not null or escalation_level > 0 or breached;
-- Filing looks for the same reporter's reports of the last hour (possible duplicates).
create index incident_board_reporter_reported on incident_board (reporter_id, reported_at desc);
