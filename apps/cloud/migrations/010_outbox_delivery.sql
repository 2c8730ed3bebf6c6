-- Delivery of the outbox (issue 13): a worker in each cloud instance claims due messages, sends
-- them by SMTP (phone codes through the configured SMS sender), deletes each once the server has
-- accepted it, and otherwise retries with backoff until the code in it has expired. Codes are no
-- longer readable over HTTP, so the index for reading by recipient goes.
alter table outbox add column subject text not null default '';
alter table outbox add column attempts integer not null default 0;
alter table outbox add column next_attempt_at timestamptz not null default now();
alter table outbox add column last_error text;
drop index outbox_recipient;
create index outbox_due on outbox (next_attempt_at, id);
