-- Passkeys (WebAuthn credentials) of members, for strong customer authentication (DESIGN.md, "SCA").
--
-- Challenges the cloud issued for a WebAuthn ceremony (W3C WebAuthn L3 §13.4.3: random, at least
-- 16 bytes, kept by the relying party and good for one ceremony within a short time). A challenge is
-- consumed by one conditional UPDATE (... where not used and expires_at > now), so two instances
-- can never both accept it. SCA assertions for tokens need no row here: their challenge is derived
-- from the token id (PSD2 RTS Art. 5, dynamic linking); 'authentication' is for sign-in ceremonies.
create table passkey_challenges (
  -- base64url of the random challenge bytes, exactly as clientDataJSON.challenge carries them.
  challenge   text primary key,
  member_id   text not null references members (member_id),
  purpose     text not null check (purpose in ('registration', 'authentication')),
  expires_at  timestamptz not null,
  used        boolean not null default false,
  created_at  timestamptz not null default now()
);
create index passkey_challenges_member on passkey_challenges (member_id, expires_at);

-- Credentials whose registration ceremony the cloud verified (W3C WebAuthn L3 §7.1). A credential
-- becomes usable for SCA only once the member also puts it in its signed directory log
-- (addPasskey, checked against this row byte for byte); `in_directory` records that.
create table passkey_credentials (
  -- base64url credential id; unique across members (§7.1 step 27: a credential id registered to
  -- any user is refused again).
  credential_id   text primary key,
  member_id       text not null references members (member_id),
  -- COSE_Key bytes as the authenticator produced them (§6.5.1.1).
  public_key      bytea not null,
  cose_algorithm  integer not null,
  rp_id           text not null,
  -- signCount (§6.1.1) is an unsigned 32-bit number: int8 holds it whole. Advanced only by a
  -- conditional UPDATE (... where counter < new), so two instances can't accept the same value.
  counter         bigint not null default 0 check (counter >= 0 and counter <= 4294967295),
  transports      text[] not null default '{}',
  -- The PasskeyEntry.createdAt the directory entry must carry (milliseconds, as the entry has).
  registered_at   timestamptz not null,
  in_directory    boolean not null default false,
  last_used_at    timestamptz
);
create index passkey_credentials_member on passkey_credentials (member_id);
