-- Tops the incident streams up to :target by cloning streams the API itself wrote over HTTP during the run.
-- Only Marten's event store is written (mt_streams + mt_events, exactly the columns and JSON shapes the API writes,
-- sequence numbers from mt_events_sequence as Marten takes them); the read models are then rebuilt by the API's own
-- projection code through Marten's projection rebuild (`IncidentDesk.Api.dll rebuild`). Escalation streams are not
-- cloned: the clones are old reports whose deadlines are long past.
--
-- Each clone keeps its source's events (type, data, metadata, order) and gets:
--   * a new time-ordered (version 7) stream id and event ids, as Guid.CreateVersion7 would make;
--   * every timestamp moved back by one offset per clone, into 2024-01-01 .. 2025-12-31, so clones are old
--     reports (the live ones, filed during this run, stay the newest);
--   * a new reference INC-<year>-NNNN from that year's sequence (the API's IncidentReferences scheme),
--     numbered in reported-at order.
\set ON_ERROR_STOP on
set timezone = 'UTC';

create or replace function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
    select (lpad(to_hex(floor(extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' ||
            substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int) ||
            substr(md5(random()::text), 1, 15))::uuid
$$;

create temp table clone_src as
select e.stream_id, row_number() over (order by e.stream_id) as rn,
       (e.data ->> 'at')::timestamptz as reported_at
from mt_events e
where e.version = 1 and e.type = 'incident_reported';

create temp table clone_map as
with n as (select count(*) as n from clone_src),
     need as (select greatest(:target - (select n from n), 0) as k)
select src.stream_id as src_id,
       src.reported_at - new_at as shift,
       new_at
from generate_series(1, (select k from need)) g(i)
cross join n
join clone_src src on src.rn = ((g.i - 1) % n.n) + 1
cross join lateral (select timestamptz '2024-01-01' + random() * interval '730 days' + g.i * interval '0' as new_at) t;

alter table clone_map add column new_id uuid, add column reference text;
update clone_map set new_id = pg_temp.uuid7(new_at);

do $$
declare y int;
begin
    for y in select distinct extract(year from new_at)::int from clone_map loop
        execute format('create sequence if not exists incident_reference_%s', y);
    end loop;
end $$;

-- References in reported-at order within each year, as the live API hands them out.
create temp table clone_refs as
select new_id, extract(year from new_at)::int as y from clone_map order by new_at;
alter table clone_refs add column n bigint, add column reference text;
update clone_refs set n = nextval(format('incident_reference_%s', y));
-- Like .NET's {n:0000}: at least four digits, never truncated (lpad alone would cut 12345 to 1234).
update clone_refs set reference = 'INC-' || y || '-' || lpad(n::text, greatest(4, length(n::text)), '0');
update clone_map m set reference = r.reference from clone_refs r where r.new_id = m.new_id;

begin;
insert into mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
select m.new_id, s.type, s.version, s.timestamp - m.shift, s.created - m.shift, s.tenant_id, s.is_archived
from clone_map m join mt_streams s on s.id = m.src_id;

insert into mt_events (seq_id, id, stream_id, version, type, data, timestamp, tenant_id, mt_dotnet_type,
                       correlation_id, causation_id, user_name, is_archived)
select nextval('mt_events_sequence'), pg_temp.uuid7(e.timestamp - m.shift), m.new_id, e.version, e.type,
       e.data
         || jsonb_build_object('incidentId', m.new_id, 'at', to_jsonb((e.data ->> 'at')::timestamptz - m.shift))
         || case when e.type = 'incident_reported'
                 then jsonb_build_object('reference', m.reference,
                                         'noticedAt', to_jsonb((e.data ->> 'noticedAt')::timestamptz - m.shift))
                 else '{}'::jsonb end,
       e.timestamp - m.shift, e.tenant_id, e.mt_dotnet_type, e.correlation_id, e.causation_id, e.user_name, e.is_archived
from (select * from clone_map order by new_at, new_id) m join mt_events e on e.stream_id = m.src_id
order by m.new_at, m.new_id, e.version;
commit;

select count(*) as cloned_streams from clone_map;
