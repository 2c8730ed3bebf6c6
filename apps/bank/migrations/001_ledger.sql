-- The bank's double-entry ledger (DESIGN.md, "Storage and scale": money is conserved by
-- construction). Every movement is one ledger transaction with exactly two entries that sum to
-- zero; the database refuses anything else at commit. Balances derive from entries; the cached
-- `balance` column is updated in the same database transaction as the entries.

create table customers (
  customer_id    text primary key,
  username       text not null unique,
  display_name   text not null,
  kind           text not null check (kind in ('person', 'business')),
  -- scrypt (RFC 7914) with a per-customer salt: 'scrypt$N$r$p$salt$hash', base64url.
  password_hash  text not null,
  failed_logins  integer not null default 0,
  locked_until   timestamptz,
  created_at     timestamptz not null default now()
);

-- Customer account numbers: the account part of the BBAN, unique and never reused.
create sequence account_numbers start with 10000001 maxvalue 99999999;

create table accounts (
  account_id    bigint generated always as identity primary key,
  kind          text not null check (kind in ('customer', 'clearing', 'equity')),
  -- ISO 13616 IBAN, for customer accounts only; never leaves the bank (seed 000: a smart token
  -- masks its asset, such as an account number).
  iban          text unique,
  name          text not null,
  customer_id   text references customers (customer_id),
  -- Clearing accounts: the other bank's member id. Its balance is what that bank owes us (< 0)
  -- or we owe it (> 0) for payments between the two.
  peer_bank_id  text,
  currency      text not null check (currency ~ '^[A-Z]{3}$'),
  status        text not null default 'open' check (status in ('open', 'closed')),
  balance       bigint not null default 0,
  created_at    timestamptz not null default now(),
  check ((kind = 'customer') = (customer_id is not null)),
  check ((kind = 'customer') = (iban is not null)),
  check ((kind = 'clearing') = (peer_bank_id is not null)),
  -- Customers never overdraw; the conditional UPDATE refuses first (AM04), this is the backstop.
  check (kind <> 'customer' or balance >= 0)
);
create unique index accounts_one_clearing on accounts (peer_bank_id, currency) where kind = 'clearing';
create unique index accounts_one_equity on accounts (currency) where kind = 'equity';
create index accounts_customer on accounts (customer_id);

create table ledger_transactions (
  tx_id        bigint generated always as identity primary key,
  kind         text not null check (kind in ('seed', 'transfer', 'interbank-out', 'interbank-in', 'reversal')),
  amount       bigint not null check (amount > 0),
  currency     text not null,
  description  text not null,
  -- The bank reference of the payment this movement belongs to.
  reference    text not null,
  created_at   timestamptz not null default now()
);
create index ledger_transactions_reference on ledger_transactions (reference);

create table entries (
  entry_id    bigint generated always as identity primary key,
  tx_id       bigint not null references ledger_transactions (tx_id),
  account_id  bigint not null references accounts (account_id),
  -- Positive: money into the account; negative: money out.
  amount      bigint not null check (amount <> 0),
  created_at  timestamptz not null default now()
);
create index entries_account on entries (account_id, entry_id desc);
create index entries_tx on entries (tx_id);

-- Double entry, checked by the database at commit: two entries, summing to zero, each on an
-- account in the transaction's currency, and an amount equal to the credited leg.
create function ledger_check_transaction(t bigint) returns void language plpgsql as $$
declare
  n integer;
  total numeric;
  credited bigint;
  wrong_currency integer;
  tx record;
begin
  select * into tx from ledger_transactions where tx_id = t;
  if not found then
    return;
  end if;
  select count(*), coalesce(sum(e.amount), 0), coalesce(max(e.amount), 0), count(*) filter (where a.currency <> tx.currency)
    into n, total, credited, wrong_currency
    from entries e join accounts a on a.account_id = e.account_id
   where e.tx_id = t;
  if n <> 2 or total <> 0 or credited <> tx.amount or wrong_currency <> 0 then
    raise exception 'ledger transaction % is not balanced double entry: % entries summing to %, credit %, amount %, % in another currency',
      t, n, total, credited, tx.amount, wrong_currency using errcode = '23514';
  end if;
end $$;

create function ledger_check_entry() returns trigger language plpgsql as $$
begin
  perform ledger_check_transaction(new.tx_id);
  return null;
end $$;

create function ledger_check_header() returns trigger language plpgsql as $$
begin
  perform ledger_check_transaction(new.tx_id);
  return null;
end $$;

create constraint trigger entries_balanced after insert on entries
  deferrable initially deferred for each row execute function ledger_check_entry();
create constraint trigger transactions_balanced after insert on ledger_transactions
  deferrable initially deferred for each row execute function ledger_check_header();

-- The ledger is append-only: a mistake is corrected by a reversal, never by an edit.
create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end $$;
create trigger entries_append_only before update or delete on entries
  for each row execute function ledger_append_only();
create trigger transactions_append_only before update or delete on ledger_transactions
  for each row execute function ledger_append_only();
