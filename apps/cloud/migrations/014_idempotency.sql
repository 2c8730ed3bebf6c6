-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header; issue 16 item 2): one row per
-- (caller scope, key), claimed 'running' by the first request and completed with its answer, so a
-- retry on any instance gets the first answer back. `scope` is the signing member (or the claimer's
-- keyid), or the method and path for an unsigned POST; `fingerprint` is SHA-256 of method, path and
-- body. Times come from the service's clock, not the database's, so tests can move it. Rows past
-- `expires_at` are ignored by reads and purged by the server's periodic job.
create table idempotency_keys (
  scope         text not null,
  key           text not null,
  fingerprint   text not null,
  state         text not null check (state in ('running', 'done')),
  status        integer,
  content_type  text,
  body          bytea,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  primary key (scope, key),
  check (state = 'running' or (status is not null and body is not null))
);
create index idempotency_keys_expires on idempotency_keys (expires_at);
