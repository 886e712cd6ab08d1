-- Tenancy of identifiers: a room or an account belongs to the platform of the first event
-- that named it (for accounts: their profile, or the room they anchor). Events of another
-- platform for it are refused at ingest, so one tenant cannot rewrite another's rows.
create table tenant_claim (
  kind       text   not null,               -- room | account
  id         text   not null,
  platform   text   not null,
  first_seen bigint not null,
  primary key (kind, id)
);

insert into tenant_claim (kind, id, platform, first_seen)
  select distinct on (room) 'room', room, platform, seq from event where room is not null
  order by room, seq
  on conflict do nothing;
insert into tenant_claim (kind, id, platform, first_seen)
  select 'room', room, platform, coalesce(started, 0) from room on conflict do nothing;
insert into tenant_claim (kind, id, platform, first_seen)
  select distinct on (usr) 'account', usr, platform, seq from event where type = 'account'
  order by usr, seq
  on conflict do nothing;
insert into tenant_claim (kind, id, platform, first_seen)
  select 'account', id, platform, first_seen from actor where kind = 'anchor' on conflict do nothing;

-- A qualification belongs to its actor's platform.
alter table qualification add column platform text;
update qualification q set platform = a.platform from actor a
  where a.kind = q.actor_kind and a.id = q.actor_id;
