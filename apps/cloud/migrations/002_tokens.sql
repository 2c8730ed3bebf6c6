-- Smart tokens (seed 000, "Smart Tokens"). The payload is immutable and its hash is the id; what
-- changes is the lifecycle: endorsements, the bank's co-signature, cancellation, usage.
create table tokens (
  token_id          text primary key,
  kind              text not null check (kind in ('transfer', 'access')),
  payload           jsonb not null,
  issuer            text not null references members (member_id),
  payer             text not null references members (member_id),   -- from: payer or grantor
  payee             text not null references members (member_id),   -- to: payee or grantee
  redeemer          text not null references members (member_id),
  -- Consent status vocabulary (Berlin Group NextGenPSD2 / UK OB): received, valid, rejected,
  -- revokedByPsu, terminatedByTpp, replaced. `expired` is derived from expires_at when read.
  status            text not null check (status in ('received', 'valid', 'rejected', 'revokedByPsu', 'terminatedByTpp', 'replaced')),
  effective_at      timestamptz not null,
  expires_at        timestamptz not null,
  endorse_until     timestamptz,
  endorsement       jsonb,
  bank_endorsement  jsonb,
  cancellation      jsonb,
  -- 'passkey' or 'exemption:LowValue': every endorsement records how SCA was satisfied.
  sca               text,
  usage             jsonb not null,
  replaced_by       text references tokens (token_id),
  replaces          text references tokens (token_id),
  request_id        text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  last_used_at      timestamptz
);
create index tokens_payer on tokens (payer, created_at desc);
create index tokens_payee on tokens (payee, created_at desc);
-- One live access token per grantor/grantee pair (seed 000, "Access Tokens"); replace swaps them
-- in one transaction, and the index refuses a second across every instance.
create unique index tokens_one_access_grant on tokens (payer, payee) where kind = 'access' and status = 'valid';

-- PSD2 RTS Art. 16 low-value exemption counters, per payer, reset by every passkey SCA.
create table sca_counters (
  member_id          text primary key references members (member_id),
  amount_since_sca   bigint not null default 0,   -- EUR minor units
  count_since_sca    integer not null default 0,
  last_sca_at        timestamptz
);

-- Redemptions of transfer tokens. (token_id, ref_id) is the idempotency key: a retry finds the
-- first row and returns its result; the bank executes at most once per pair.
create table transfers (
  transfer_id   text primary key,
  token_id      text not null references tokens (token_id),
  ref_id        text not null,
  redeemer      text not null references members (member_id),
  amount        bigint not null check (amount > 0),
  currency      text not null,
  destination   jsonb not null,
  -- ISO 20022 transaction status: RCVD received, ACTC accepted (sent to the bank), ACSC settled, RJCT rejected.
  status        text not null check (status in ('RCVD', 'ACTC', 'ACSC', 'RJCT')),
  reason        text,
  bank_reference text,
  attempts      integer not null default 0,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (token_id, ref_id)
);
create index transfers_token on transfers (token_id, created_at);
