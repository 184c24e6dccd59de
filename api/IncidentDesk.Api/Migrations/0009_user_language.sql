-- The language an account's messages are written in (issue #4: messages in the recipient's language, ja default).
-- Existing rows, and replays of user_registered events written before the field existed, take the default.
alter table users add column language text not null default 'ja' check (language in ('ja', 'en'));
