-- Accounts can be disabled (issue 9 §9), and some events end an account's sessions (disabled, password changed):
-- session_epoch counts them, and a session cookie carries the epoch it was issued in. Both are folded from the
-- user streams, so a rebuild of users restores them.
alter table users add column disabled boolean not null default false;
alter table users add column session_epoch int not null default 0;
