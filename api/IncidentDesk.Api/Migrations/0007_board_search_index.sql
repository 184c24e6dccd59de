-- q= searches summary OR reference; without a trigram index on reference the OR forced a full scan
-- (measured by tests/bench: 696 ms -> 6 ms for a rare term at 100k incidents).
create index incident_board_reference_trgm on incident_board using gin (reference gin_trgm_ops);
