-- Every distinct content of every playbook file ever loaded. Incidents pin (id, version, content hash);
-- the pinned content stays here, so editing a file never changes a running incident's steps.
create table playbook_versions (
    playbook_id     text not null,
    content_hash    text not null,
    version         int not null,
    file_name       text not null,
    content         text not null,
    first_loaded_at timestamptz not null,
    primary key (playbook_id, content_hash)
);

create trigger playbook_versions_no_update_or_delete before update or delete on playbook_versions
    for each row execute function events_refuse_change();
