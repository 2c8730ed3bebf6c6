-- Token requests (seed 000 lifecycle step 1) and their single signed result.
create table token_requests (
  request_id       text primary key,
  requester        text not null references members (member_id),
  request          jsonb not null,
  -- Whether requester.domain was a verified DOMAIN alias of the requester when it asked; the
  -- wallet shows a warning when it was not.
  domain_verified  boolean not null,
  expires_at       timestamptz not null,
  result           jsonb,
  answered_by      text references members (member_id),
  created_at       timestamptz not null default now(),
  answered_at      timestamptz
);
