-- The alert inbox (console v2). Versioned 3.1 so that a V3 from a concurrent branch still
-- orders before it without a renumbering.

-- Triage: an alert set aside without opening a case. Kept with who and why, and appended to
-- the ledger (class case), because dismissing is a decision someone may have to answer for.
create table alert_dismissal (
  alert_id   text   primary key references alert (id),
  at         bigint not null,
  actor      text   not null,
  role       text   not null,
  reason     text,
  ledger_seq bigint references ledger (seq)
);

-- Severity as a number, so the inbox can sort by it through an index.
create function ql_severity_rank(s text) returns int language sql immutable parallel safe as
  $$ select case s when 'critical' then 4 when 'high' then 3 when 'medium' then 2
     when 'low' then 1 else 0 end $$;

-- Keyset paging: each sort order of the inbox walks one index, newest or highest first, and
-- stops after a page; the id breaks ties so a cursor is exact. Platform and kind first for
-- an analyst's scope and the most used filter.
drop index alert_ts;
create index alert_ts_id on alert (ts, id);
create index alert_platform_ts_id on alert (platform, ts, id);
create index alert_kind_ts_id on alert (kind, ts, id);
create index alert_score_id on alert (score, id);
create index alert_severity_ts_id on alert (ql_severity_rank(severity), ts, id);
-- "in a case" is asked per alert row
create index case_alert_alert on case_alert (alert_id);
-- Alerts naming an account or anchor (room-less ones are found only this way).
create index alert_subjects on alert using gin ((body->'subjects') jsonb_path_ops);

-- Text search of the inbox (id, room, summary) by trigrams. pg_trgm ships with PostgreSQL's
-- contrib and is a trusted extension, but an external server may lack it: then the search
-- scans, slower but the same answers, rather than the migration failing.
do $$
begin
  create extension if not exists pg_trgm;
  execute 'create index alert_text_trgm on alert using gin ((id || '' '' || coalesce(room, '''')'
    || ' || '' '' || coalesce(body->>''summary'', '''')) gin_trgm_ops)';
exception when others then
  raise notice 'pg_trgm not available (%): inbox text search will scan', sqlerrm;
end $$;
