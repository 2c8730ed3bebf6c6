-- Fixed-window request counters shared by every instance of the cloud, for limits that must hold
-- across instances (alias resolution, issue 13 item 5). `key` is never an address: a member id or
-- the alias's keyed lookup hash. Old windows are purged by the server's periodic job.
create table rate_counters (
  scope         text not null,
  key           text not null,
  window_start  timestamptz not null,
  count         integer not null,
  primary key (scope, key, window_start)
);
create index rate_counters_window on rate_counters (window_start);
