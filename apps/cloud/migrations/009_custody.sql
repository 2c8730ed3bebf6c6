-- Members created on a user's behalf by a merchant, and the user's claim (issue 9; protocol
-- directory/custody.ts). The directory log itself is in members/directory_ops like any other.

-- A loyalty-only member token: created by the merchant with the custodial member, it has no backing
-- transfer token (no payment authority); charges are refused, and it is never derived from.
alter table member_tokens alter column backing_token_id drop not null;
alter table member_tokens add constraint member_tokens_backing_or_loyalty
  check (backing_token_id is not null or (parent_id is null and loyalty));

-- One row per member created on a user's behalf. Until it is claimed it holds the keyed lookup hash
-- of the alias the merchant gave (never the address itself), which is how a claim finds it. The
-- row outlives the member when it expires unclaimed: the sweep deletes the member's data and leaves
-- this tombstone (no lookup hash, no commitment), so the id is known to have existed and gone.
create table custodial_members (
  member_id     text primary key,
  custodian_id  text not null references members (member_id),
  alias_type    text not null check (alias_type in ('EMAIL', 'PHONE')),
  lookup_hash   bytea,
  commitment    text,
  -- The commitment's salt: handed to whoever proves the code, so the claimed member's wallet can
  -- manage the alias like one it added itself.
  salt          text,
  claim_by      timestamptz not null,
  status        text not null check (status in ('pending', 'claimed', 'expired')),
  created_at    timestamptz not null,
  claimed_at    timestamptz,
  expired_at    timestamptz,
  check ((status = 'expired') = (lookup_hash is null)),
  check ((status = 'expired') = (commitment is null)),
  check ((status = 'expired') = (salt is null))
);
create index custodial_members_pending on custodial_members (lookup_hash, created_at) where status = 'pending';
create index custodial_members_claim_by on custodial_members (claim_by) where status = 'pending';

-- One attempt to claim: a one-time code mailed to the alias, bound to the claimer's key (which signs
-- every step). member_id is null when no member awaited the alias: the answer looks the same, and no
-- code can match, so a start does not tell whether an address has a member waiting.
create table member_claims (
  claim_id      text primary key,
  member_id     text,
  lookup_hash   bytea not null,
  key_id        text not null,
  claimant_key  jsonb not null,
  code_hash     bytea not null,
  attempts      integer not null default 0,
  max_attempts  integer not null,
  status        text not null default 'pending' check (status in ('pending', 'verified', 'claimed')),
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  verified_at   timestamptz
);
create index member_claims_lookup on member_claims (lookup_hash, created_at);
create index member_claims_member on member_claims (member_id);
