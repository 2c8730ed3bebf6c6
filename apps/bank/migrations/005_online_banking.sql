-- Online banking: the customer's own sign-in at the bank, and what the bank has seen of the apps
-- that use the customer's accounts (UK Open Banking CEG, "Access dashboard": the bank lists every
-- app with access and lets the customer revoke it there).

-- A signed-in online banking session: the cookie holds the id, the row says whose and until when.
create table online_sessions (
  session_id   text primary key,
  customer_id  text not null references customers (customer_id),
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null
);
create index online_sessions_expires on online_sessions (expires_at);

-- Access grants (access tokens) this bank verified for a read, with the accounts they reach here.
-- The bank records them itself on the first verified read; a revocation here is final for this
-- bank whatever the cloud says afterwards.
create table access_grants (
  token_id       text primary key,
  grantor        text not null,
  grantee        text not null,
  -- The app's name and domain as its own signed token request states them, when it could be verified.
  app_name       text,
  app_domain     text,
  scopes         text[] not null,
  expires_at     timestamptz not null,
  first_seen_at  timestamptz not null default now(),
  last_read_at   timestamptz not null default now(),
  revoked_at     timestamptz,
  -- When the cloud, asked with the bank's signature, reported the grant ended elsewhere (cancelled in
  -- the wallet, replaced, expired): believed, since it only takes access away.
  ended_at       timestamptz,
  ended_status   text,
  -- When the cloud confirmed the revocation (null: not yet; the bank retries).
  cloud_told_at  timestamptz
);

create table access_grant_accounts (
  token_id    text not null references access_grants (token_id),
  account_id  bigint not null references accounts (account_id),
  primary key (token_id, account_id)
);
create index access_grant_accounts_account on access_grant_accounts (account_id);

-- Links the customer revoked from online banking: when, so the page can say so.
alter table links add column revoked_at timestamptz;
