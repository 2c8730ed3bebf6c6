-- Adding a second device (issue 15 item 2). A new device posts its public keys (never a private
-- one) and gets a short code; a device that already holds the wallet reads them by that code, adds
-- them to its directory log with its PRIVILEGED key, and completes the pairing, which the new
-- device polls by its id. Rows live ten minutes; the server's periodic job may purge old ones.
create table pairings (
  id            text primary key,
  code          text not null unique,
  device_name   text not null,
  keys          jsonb not null,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  member_id     text,
  completed_at  timestamptz
);
create index pairings_expires on pairings (expires_at);

-- Which device each key belongs to (the directory's key entries carry no label), written when a
-- pairing completes, and when a key last signed a request (written at most once a minute per key).
create table device_keys (
  member_id     text not null,
  key_id        text not null,
  device_id     text,
  device_name   text,
  added_at      timestamptz,
  last_used_at  timestamptz,
  primary key (member_id, key_id)
);
