-- Members and their append-only directory logs (DESIGN.md, "Directory").
-- `state` is the replayed MemberState after the last operation, kept beside the log so a request's
-- signature check is one indexed read; the log stays the source of truth anyone can verify.
create table members (
  member_id   text primary key,
  seq         integer not null,
  head        text not null,
  state       jsonb not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table directory_ops (
  member_id   text not null references members (member_id),
  seq         integer not null,
  hash        text not null unique,
  op          jsonb not null,
  created_at  timestamptz not null default now(),
  -- One operation per position: two writers appending to the same head cannot both win (no fork).
  primary key (member_id, seq)
);

-- Nonces of signed requests (RFC 9421 §7.2.2), unique per key: a replay fails on the primary key,
-- across every cloud instance. Rows older than the signature window are purged.
create table request_nonces (
  keyid       text not null,
  nonce       text not null,
  created_at  timestamptz not null default now(),
  primary key (keyid, nonce)
);
create index request_nonces_created_at on request_nonces (created_at);

-- The cloud's own signing keys (request results, member-token JWTs). Several instances share them.
create table cloud_keys (
  key_id      text primary key,
  -- 'signing' for the key in use; the unique slot lets racing instances agree on one key.
  slot        text unique,
  algorithm   text not null,
  secret_key  bytea not null,
  public_key  bytea not null,
  active      boolean not null default true,
  created_at  timestamptz not null default now()
);
