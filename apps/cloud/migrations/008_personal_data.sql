-- Personal data under consent (issue 9): a member's profile and address book, and the passkey
-- assertions that approved several tokens at once.

-- Each record is AES-256-GCM ciphertext under a data key from the cloud's configuration, never
-- stored here (the database alone does not expose it). key_id names the key for rotation; the
-- additional authenticated data binds the ciphertext to member, kind and item, so a row copied to
-- another member or item does not decrypt. A deleted address keeps its row without ciphertext, so
-- a grantee learns that it was deleted rather than that it never existed.
create table personal_data (
  member_id   text not null references members (member_id),
  kind        text not null check (kind in ('profile', 'address')),
  item_id     text not null,
  key_id      text,
  iv          bytea,
  ciphertext  bytea,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  deleted_at  timestamptz,
  primary key (member_id, kind, item_id),
  check ((deleted_at is null) = (ciphertext is not null and iv is not null and key_id is not null))
);

-- One passkey assertion whose challenge names several token ids (scaBundleChallenge) endorses
-- each of them: the first endorsement advances the credential's counter and records it here;
-- the others present the same assertion, for the same challenge, at the same counter.
create table sca_bundle_assertions (
  credential_id  text not null,
  challenge      text not null,
  counter        bigint not null,
  accepted_at    timestamptz not null default now(),
  primary key (credential_id, challenge)
);
