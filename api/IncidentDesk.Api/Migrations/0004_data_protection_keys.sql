-- ASP.NET Core data-protection key ring (signs session cookies and antiforgery tokens). Kept in the
-- database so that every API node, and every restart, accepts the same cookies.
create table data_protection_keys (
    friendly_name text primary key,
    xml           text not null,
    created_at    timestamptz not null default now()
);
