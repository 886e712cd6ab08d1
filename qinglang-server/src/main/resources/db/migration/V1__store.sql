-- Qinglang governance store. The evidence ledger is the authority for event and alert
-- content; the other tables are indexes and workflow state built beside it.

create table ledger (
  seq           bigint primary key,
  class         text   not null,            -- content | transaction | identity | alert | case | expiry
  ref           text,                        -- what the record is (event type, alert id@version, case id)
  created_at    bigint not null,             -- ms since epoch, when the record was appended
  payload       bytea,                       -- null once expired by retention (hash is kept)
  payload_hash  bytea  not null,
  prev_hash     bytea  not null,
  record_hash   bytea  not null
);
create index ledger_class_created on ledger (class, created_at) where payload is not null;

-- Published Merkle roots: a copy kept outside the database makes a wholesale rewrite detectable.
create table ledger_checkpoint (
  tree_size  bigint primary key,
  root       bytea  not null,
  created_at bigint not null
);

create table event (
  seq       bigint primary key references ledger (seq),
  ts        bigint not null,
  type      text   not null,
  platform  text   not null,
  room      text,
  usr       text,
  body      jsonb                             -- query copy; null once expired
);
create index event_room_ts on event (room, ts);
create index event_type_ts on event (type, ts);
create index event_platform on event (platform);
create index event_usr on event (usr);

create table alert (
  id         text primary key,
  kind       text   not null,
  ts         bigint not null,
  platform   text,
  room       text,
  score      double precision not null,
  severity   text   not null,
  body       jsonb  not null,
  version    int    not null,
  first_ts   bigint not null,
  ledger_seq bigint not null references ledger (seq)
);
create index alert_room on alert (room);
create index alert_platform on alert (platform);
create index alert_ts on alert (ts);

create table dead_letter (
  id         bigserial primary key,
  source     text   not null,
  line       bigint not null,
  reason     text   not null,
  raw        text,
  created_at bigint not null
);

-- Registry ---------------------------------------------------------------------------
create table room (
  room      text primary key,
  platform  text not null,
  anchor    text,
  merchant  text,
  mcn       text,
  title     text,
  virtual_anchor boolean,
  venue     text,
  started   bigint,
  ended     bigint
);
create index room_anchor on room (anchor);
create index room_platform on room (platform);

create table actor (
  kind       text not null,                  -- anchor | merchant | mcn | item | account
  id         text not null,
  platform   text not null,
  attrs      jsonb not null default '{}'::jsonb,
  first_seen bigint not null,
  last_seen  bigint not null,
  primary key (kind, id)
);
create index actor_platform on actor (platform);

create table qualification (
  id          bigserial primary key,
  actor_kind  text not null,
  actor_id    text not null,
  kind        text not null,                 -- business_licence | food_licence | ...
  number      text,
  valid_from  bigint,
  expires     bigint,
  created_by  text not null,
  created_at  bigint not null
);
create index qualification_actor on qualification (actor_kind, actor_id);

create table qualification_lapse (
  id          bigserial primary key,
  actor_kind  text not null,
  actor_id    text not null,
  platform    text not null,
  room        text,
  kind        text not null,
  expired_at  bigint,
  seen_at     bigint not null,
  detail      text not null,
  unique (actor_kind, actor_id, kind, room)
);

-- Negative list ---------------------------------------------------------------------
create table sanction (
  id          bigserial primary key,
  platform    text not null,
  account     text,
  identity_kind  text not null,              -- account | id_hash | phone_hash | device | payment
  identity_value text not null,              -- as received: already a keyed hash
  scope       text not null,
  reason      text,
  from_ts     bigint not null,
  until_ts    bigint,
  source      text not null,                 -- event | api
  created_by  text not null,
  revoked_at  bigint,
  revoked_by  text
);
create index sanction_identity on sanction (identity_kind, identity_value);

create table sanction_history (
  id          bigserial primary key,
  sanction_id bigint not null references sanction (id),
  action      text not null,                 -- added | revoked | expired
  at          bigint not null,
  actor       text not null,
  note        text
);

-- Cases -------------------------------------------------------------------------------
create table gov_case (
  id          bigserial primary key,
  platform    text not null,
  title       text not null,
  status      text not null,
  opened_by   text not null,
  opened_at   bigint not null,
  deadline    bigint,
  responded_at bigint,
  closed_at   bigint,
  outcome     text
);
create index gov_case_platform on gov_case (platform);

create table case_alert (
  case_id  bigint not null references gov_case (id),
  alert_id text   not null references alert (id),
  primary key (case_id, alert_id)
);

create table case_step (
  id       bigserial primary key,
  case_id  bigint not null references gov_case (id),
  step     text   not null,
  at       bigint not null,
  actor    text   not null,
  role     text   not null,
  data     jsonb  not null,
  ledger_seq bigint references ledger (seq)
);
create index case_step_case on case_step (case_id);

create table penalty (
  id       bigserial primary key,
  case_id  bigint not null references gov_case (id),
  subject_kind text not null,
  subject_id   text not null,
  kind     text   not null,                 -- fine | warning | suspension | revocation
  amount   bigint,                          -- fen
  note     text,
  at       bigint not null,
  actor    text   not null
);

-- Users, tokens, audit ------------------------------------------------------------------
create table app_user (
  name      text primary key,
  pw_hash   text not null,
  role      text not null,                  -- regulator | platform_analyst | agency
  platform  text,                           -- for platform_analyst
  created_at bigint not null
);

create table user_anchor (
  name   text not null references app_user (name),
  anchor text not null,
  primary key (name, anchor)
);

create table api_token (
  token_hash bytea primary key,
  name       text not null references app_user (name),
  label      text,
  created_at bigint not null,
  expires_at bigint
);

create table audit (
  id      bigserial primary key,
  at      bigint not null,
  actor   text,
  action  text not null,
  target  text,
  status  int  not null
);
