-- OpenToken member tokens (seed 001). A member token is a row here plus, for a root token, the
-- multi-use transfer token behind it (tokens.token_id): charges redeem that transfer token.

-- The server keys of the custom format (seed 001, "Hash Key ID" and "Hash"): HMAC-SHA256 keys
-- named by a 16-byte id (hex). New tokens use the one active key; tokens under a retired key are
-- refused as KeyRetired. Retired keys stay, so a genuine old token is told apart from a forgery.
create table member_token_keys (
  key_id      text primary key check (key_id ~ '^[0-9a-f]{32}$'),
  secret      bytea not null,
  status      text not null check (status in ('active', 'retired')),
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);
-- One active key across every instance: racing first starts agree on one.
create unique index member_token_keys_one_active on member_token_keys ((true)) where status = 'active';

-- The AES-256 key that turns an internal id into the public token id (one block, a PRP). It never
-- rotates: the token id is the member's stable loyalty id. The singleton row is the first start's.
create table member_token_id_key (
  singleton   boolean primary key default true check (singleton),
  secret      bytea not null,
  created_at  timestamptz not null default now()
);

create table member_tokens (
  -- Internal id; the public token id is its encryption (never stored, so a database reader cannot
  -- map public ids to rows without the key).
  id                 uuid primary key,
  parent_id          uuid references member_tokens (id),
  root_id            uuid not null references member_tokens (id),
  depth              integer not null check (depth >= 0),
  -- The member the token stands for (the payer of the backing transfer token).
  owner_id           text not null references members (member_id),
  -- The merchant that holds it and may charge it.
  holder_id          text not null references members (member_id),
  -- The payee of the backing transfer token: every charge in the tree pays this merchant.
  merchant_of_record text not null references members (member_id),
  backing_token_id   text not null references tokens (token_id),
  entity_type        text not null check (entity_type in ('consumer', 'merchant', 'subMerchant')),
  loyalty            boolean not null,
  limitations        jsonb not null,
  -- Root: the attestations as given; sub-tokens: the subset of the parent's the deriver chose.
  entitlements       jsonb not null,
  metadata           jsonb not null,
  -- Sub-tokens: where their charges are paid (an account of the merchant of record).
  destination        jsonb,
  usage              jsonb not null,
  status             text not null check (status in ('active', 'cancelled')),
  cancelled_by       text references members (member_id),
  cancelled_at       timestamptz,
  created_at         timestamptz not null,
  check ((parent_id is null) = (depth = 0))
);
-- One member token per backing transfer token: a retried creation finds the first.
create unique index member_tokens_one_root_per_backing on member_tokens (backing_token_id) where parent_id is null;
create index member_tokens_parent on member_tokens (parent_id);
create index member_tokens_root on member_tokens (root_id);
create index member_tokens_holder on member_tokens (holder_id, created_at desc);
create index member_tokens_owner on member_tokens (owner_id, created_at desc);

-- Charges. (member_token_id, ref_id) is the idempotency key: a retry returns the first result.
-- `levels` lists the token and its ancestors (root first): the usage of each level counts it.
create table member_token_charges (
  charge_id        text primary key,
  member_token_id  uuid not null references member_tokens (id),
  ref_id           text not null,
  levels           uuid[] not null,
  transfer_id      text not null references transfers (transfer_id),
  charged_by       text not null references members (member_id),
  amount           bigint not null check (amount > 0),
  currency         text not null,
  location         jsonb,
  created_at       timestamptz not null,
  unique (member_token_id, ref_id)
);
create index member_token_charges_levels on member_token_charges using gin (levels);
