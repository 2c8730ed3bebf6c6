-- Directory logs this bank refused because they did not extend the head it had verified before
-- (protocol assertExtendsHead): a cloud serving a log cut before a key removal (StaleLog), or a
-- fork (Forked). Kept as evidence of a lying cloud (or a stale wallet, source 'member').
create table refused_logs (
  refusal_id   bigint generated always as identity primary key,
  member_id    text not null,
  source       text not null check (source in ('cloud', 'member')),
  code         text not null check (code in ('StaleLog', 'Forked')),
  known_seq    integer not null,
  known_head   text not null,
  served_seq   integer not null,
  served_head  text not null,
  refused_at   timestamptz not null default now()
);
create index refused_logs_member on refused_logs (member_id, refused_at);
