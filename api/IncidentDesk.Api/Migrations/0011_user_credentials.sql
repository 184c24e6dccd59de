-- Password hashes leave the users read model (and, for new accounts, the events: events are kept forever, and a
-- hash must be replaceable). user_credentials is written by the commands in the event's transaction; it is not a
-- projection, so a rebuild of users keeps it.
create table user_credentials (
    user_id       uuid primary key,  -- no foreign key: a rebuild empties users and fills it again
    password_hash text not null,
    changed_at    timestamptz not null
);

insert into user_credentials (user_id, password_hash, changed_at)
select id, password_hash, created_at from users;

alter table users drop column password_hash;
