-- Aliases (EMAIL, PHONE, DOMAIN): the public directory log holds only salted commitments
-- (protocol directory/entries.ts); what the cloud keeps to verify and resolve them is below. No
-- table here holds an alias in the clear except where delivery needs it (outbox recipient, the host
-- of a DOMAIN check still pending).

-- The secret under which alias lookups and one-time codes are hashed. One row, written by the first
-- instance to need it (racing instances lose the insert and read the winner's); ALIAS_PEPPER pins it
-- from outside instead, so a copy of the database alone cannot test guessed addresses.
create table alias_pepper (
  slot        text primary key check (slot = 'pepper'),
  secret      bytea not null,
  created_at  timestamptz not null default now()
);

-- One attempt to show control of an alias the member has put in its directory log.
create table alias_verifications (
  verification_id  text primary key,
  member_id        text not null references members (member_id),
  alias_type       text not null check (alias_type in ('EMAIL', 'PHONE', 'DOMAIN')),
  -- The directory entry this verifies, and the keyed hash the resolution index will use.
  commitment       text not null,
  lookup_hash      bytea not null,
  -- EMAIL/PHONE: keyed hash of the one-time code; the code itself is only in the message sent.
  code_hash        bytea,
  -- DOMAIN: the token the member publishes (public by design) and the host to fetch it from,
  -- cleared once verified.
  domain_token     text,
  domain_host      text,
  -- Every attempt is counted by a conditional UPDATE, so the bound holds across instances.
  attempts         integer not null default 0,
  max_attempts     integer not null,
  status           text not null default 'pending' check (status in ('pending', 'verified')),
  created_at       timestamptz not null,
  expires_at       timestamptz not null,
  completed_at     timestamptz,
  check ((alias_type = 'DOMAIN') = (domain_token is not null) and (alias_type = 'DOMAIN') = (code_hash is null))
);
create index alias_verifications_member_alias on alias_verifications (member_id, lookup_hash, created_at);

-- The resolution index: verified aliases only, keyed by HMAC-SHA256(pepper, "TYPE:value"), so the
-- table is not a list of addresses and an unverified alias has no row to resolve to.
create table aliases (
  lookup_hash      bytea primary key,
  alias_type       text not null check (alias_type in ('EMAIL', 'PHONE', 'DOMAIN')),
  member_id        text not null references members (member_id),
  -- Resolution also checks the member's current directory state still lists this commitment, so
  -- removing the alias from the log stops resolution at once.
  commitment       text not null,
  verification_id  text not null references alias_verifications (verification_id),
  verified_at      timestamptz not null
);
create index aliases_member on aliases (member_id);

-- Messages to send (one-time codes). A delivery worker drains it; in development the cloud logs
-- each message and tests read it through the dev-only /api/v1/dev/outbox.
create table outbox (
  id          bigint generated always as identity primary key,
  channel     text not null check (channel in ('email', 'sms')),
  recipient   text not null,
  body        text not null,
  created_at  timestamptz not null
);
create index outbox_recipient on outbox (recipient, id);
