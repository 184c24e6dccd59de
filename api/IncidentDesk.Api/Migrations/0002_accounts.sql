-- Read model of user accounts (projection of the user streams).
create table users (
    id            uuid primary key,
    email         text not null,
    display_name  text not null,
    roles         text[] not null,
    password_hash text not null,
    created_at    timestamptz not null,
    version       bigint not null
);
create unique index users_email_unique on users (lower(email));
