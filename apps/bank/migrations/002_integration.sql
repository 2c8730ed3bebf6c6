-- The bank integration layer: account links, co-signatures, executions, SCA counters, replay
-- protection. Everything that must happen once is a unique key here, never an in-memory lock.

-- A customer's consent to link accounts to a token member. 'pending' until the member proves it
-- holds its keys (a request signed by the member, POST /connector/v1/links/finish).
create table links (
  link_id       text primary key,
  customer_id   text not null references customers (customer_id),
  member_id     text not null,
  status        text not null check (status in ('pending', 'active', 'revoked')),
  -- The signed AccountLink handed to the wallet.
  link          jsonb not null,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  activated_at  timestamptz
);
create index links_member on links (member_id);

-- Opaque references, 16 random bytes base64url: what tokens name instead of an account number.
create table account_refs (
  account_ref  text primary key,
  link_id      text not null references links (link_id),
  account_id   bigint not null references accounts (account_id)
);
create index account_refs_link on account_refs (link_id);

-- A consent page session: created by a correct sign-in, good for one confirmation, short-lived.
create table link_sessions (
  session_id   text primary key,
  customer_id  text not null references customers (customer_id),
  member_id    text not null,
  return_url   text not null,
  state        text not null,
  expires_at   timestamptz not null,
  used         boolean not null default false
);

-- The bank's own record of every co-signature: one per token, so a retried cosign returns the
-- same endorsement and charges the SCA counters once.
create table cosignatures (
  token_id          text primary key,
  endorsement_id    text not null,
  payer             text not null,
  -- 'passkey' or 'exemption:LowValue': how SCA was satisfied, as the bank itself judged it.
  sca               text not null,
  bank_endorsement  jsonb not null,
  created_at        timestamptz not null default now()
);

-- PSD2 RTS Art. 16 counters, per payer, kept by the bank itself (it applies its own policy).
create table sca_counters (
  member_id          text primary key,
  amount_since_sca   bigint not null default 0,
  count_since_sca    integer not null default 0,
  last_sca_at        timestamptz
);

-- WebAuthn signature counters (W3C WebAuthn L3 §6.1.1) of passkeys the bank accepted.
create table passkey_counters (
  credential_id  text primary key,
  member_id      text not null,
  counter        bigint not null default 0 check (counter >= 0 and counter <= 4294967295),
  updated_at     timestamptz not null default now()
);

-- Redemptions of transfer tokens drawn on this bank. (token_id, ref_id) is the idempotency key:
-- the bank executes at most once per pair and a retry returns the first result.
-- ISO 20022 status: PDNG (debited, the other bank not yet confirmed), ACSC settled, RJCT rejected
-- with an ExternalStatusReason1Code.
create table transfers (
  token_id             text not null,
  ref_id               text not null,
  transfer_id          text not null,
  bank_reference       text not null unique,
  source_account       bigint not null references accounts (account_id),
  destination          jsonb not null,
  destination_account  bigint references accounts (account_id),
  amount               bigint not null check (amount > 0),
  currency             text not null,
  status               text not null check (status in ('PDNG', 'ACSC', 'RJCT')),
  reason               text,
  detail               text,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (token_id, ref_id)
);

-- What each token has been used for, as the bank counts it (conditions engine usage).
create table token_usage (
  token_id    text primary key,
  usage       jsonb not null,
  updated_at  timestamptz not null default now()
);

-- Credits another bank sent us (payee side of an inter-bank payment), once per (bank, token, refId).
create table interbank_credits (
  payer_bank           text not null,
  token_id             text not null,
  ref_id               text not null,
  bank_reference       text not null unique,
  destination_account  bigint references accounts (account_id),
  amount               bigint not null check (amount > 0),
  currency             text not null,
  status               text not null check (status in ('ACSC', 'RJCT')),
  reason               text,
  detail               text,
  created_at           timestamptz not null default now(),
  primary key (payer_bank, token_id, ref_id)
);

-- Nonces of signed requests (RFC 9421 §7.2.2), unique per key; purged after the signature window.
create table request_nonces (
  keyid       text not null,
  nonce       text not null,
  created_at  timestamptz not null default now(),
  primary key (keyid, nonce)
);
create index request_nonces_created_at on request_nonces (created_at);

-- The newest head of each member's directory log this bank has verified: a later log that no
-- longer contains it was forked or rewritten, and is refused (protocol verifyDirectoryLog knownHead).
create table member_heads (
  member_id   text primary key,
  seq         integer not null,
  head        text not null,
  updated_at  timestamptz not null default now()
);
