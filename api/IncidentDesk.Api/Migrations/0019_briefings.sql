-- Executive briefings (issue 10 §5, R17): every briefing as posted (projection of briefing_posted), for the incident
-- page and the executives' feed, and on the board when the next one is due.
create table briefings (
    briefing_id   uuid primary key,
    incident_id   uuid not null,
    number        int not null,
    severity      text not null,
    what_happened text not null,
    impact        text not null,
    response      text not null,
    unknowns      text not null,
    next_decision text not null,
    posted_by     uuid not null,
    posted_at     timestamptz not null
);
create index briefings_posted on briefings (posted_at desc);
create index briefings_incident on briefings (incident_id, posted_at desc);

-- briefing_due_at: the earliest briefing due and not posted yet (kept while later reminders follow a missed one);
-- briefing_late_at: when the executives were told it is late. Both are cleared by a briefing, by closing, and by a
-- re-rating below high. Open high and critical incidents from before this migration get a briefing deadline with
-- their next re-rating or briefing.
alter table incident_board add column briefing_due_at timestamptz null;
alter table incident_board add column briefing_late_at timestamptz null;
alter table incident_board add column last_briefing_at timestamptz null;
