import type { Db } from '@tokenos/db';

/** A grant as the bank records it on its first verified read. */
export interface SeenGrant {
  tokenId: string;
  grantor: string;
  grantee: string;
  app?: { name: string; domain: string } | undefined;
  scopes: string[];
  expiresAt: number;
  accountIds: bigint[];
}

/**
 * Records a verified grant, or notes another read of it. Called only after the bank verified the
 * grant itself, so nothing here is the cloud's word.
 */
export async function recordGrantRead(db: Db, grant: SeenGrant, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.one<{ inserted: boolean }>(
      `insert into access_grants (token_id, grantor, grantee, app_name, app_domain, scopes, expires_at, first_seen_at, last_read_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       on conflict (token_id) do update set last_read_at = excluded.last_read_at
       returning (xmax = 0) as inserted`,
      [
        grant.tokenId,
        grant.grantor,
        grant.grantee,
        grant.app?.name ?? null,
        grant.app?.domain ?? null,
        grant.scopes,
        new Date(grant.expiresAt),
        new Date(now),
      ],
    );
    // xmax = 0 only on the row version an INSERT made: a later read adds no account rows.
    if (!row.inserted) return;
    for (const accountId of grant.accountIds)
      await tx.query(
        'insert into access_grant_accounts (token_id, account_id) values ($1, $2) on conflict do nothing',
        [grant.tokenId, accountId],
      );
  });
}

/** Whether the customer revoked this grant at the bank: then the bank answers no read, whatever the cloud says. */
export async function grantRevokedAtBank(db: Db, tokenId: string): Promise<boolean> {
  const row = await db.maybeOne<{ revoked_at: Date | null }>(
    'select revoked_at from access_grants where token_id = $1',
    [tokenId],
  );
  return row?.revoked_at != null;
}

export interface GrantRow {
  token_id: string;
  app_name: string | null;
  app_domain: string | null;
  scopes: string[];
  expires_at: Date;
  first_seen_at: Date;
  last_read_at: Date;
  revoked_at: Date | null;
  ended_at: Date | null;
  ended_status: string | null;
  accounts: string[];
}

/** Every grant that reaches one of the customer's accounts, newest first. */
export function grantsOfCustomer(db: Db, customerId: string): Promise<GrantRow[]> {
  return db.query<GrantRow>(
    `select g.token_id, g.app_name, g.app_domain, g.scopes, g.expires_at, g.first_seen_at, g.last_read_at,
            g.revoked_at, g.ended_at, g.ended_status, array_agg(a.name order by a.account_id) as accounts
       from access_grants g
       join access_grant_accounts ga using (token_id)
       join accounts a on a.account_id = ga.account_id
      where a.customer_id = $1
      group by g.token_id
      order by (g.revoked_at is null and g.ended_at is null) desc, g.first_seen_at desc`,
    [customerId],
  );
}

/** Revokes a grant on the customer's accounts, once; undefined if it is not theirs or already revoked. */
export async function revokeGrant(
  db: Db,
  args: { tokenId: string; customerId: string; now: number },
): Promise<GrantRow['token_id'] | undefined> {
  const row = await db.maybeOne<{ token_id: string }>(
    `update access_grants g set revoked_at = $3
      where g.token_id = $1 and g.revoked_at is null
        and exists (select 1 from access_grant_accounts ga join accounts a on a.account_id = ga.account_id
                     where ga.token_id = g.token_id and a.customer_id = $2)
      returning g.token_id`,
    [args.tokenId, args.customerId, new Date(args.now)],
  );
  return row?.token_id;
}

export interface CustomerLinkRow {
  link_id: string;
  status: 'pending' | 'active' | 'revoked';
  activated_at: Date | null;
  revoked_at: Date | null;
  accounts: string[];
}

/** The customer's wallet links that were finished (active, or revoked since). */
export function linksOfCustomer(db: Db, customerId: string): Promise<CustomerLinkRow[]> {
  return db.query<CustomerLinkRow>(
    `select l.link_id, l.status, l.activated_at, l.revoked_at, array_agg(a.name order by a.account_id) as accounts
       from links l join account_refs r using (link_id) join accounts a on a.account_id = r.account_id
      where l.customer_id = $1 and l.status in ('active', 'revoked')
      group by l.link_id
      order by l.activated_at desc nulls last`,
    [customerId],
  );
}

/**
 * Revokes a wallet link, once: its account references stop resolving at once, so no payment and no
 * read goes through it again (link/store.ts resolveAccountRef reads only active links).
 */
export async function revokeLink(
  db: Db,
  args: { linkId: string; customerId: string; now: number },
): Promise<boolean> {
  const row = await db.maybeOne<{ link_id: string }>(
    `update links set status = 'revoked', revoked_at = $3
      where link_id = $1 and customer_id = $2 and status = 'active' returning link_id`,
    [args.linkId, args.customerId, new Date(args.now)],
  );
  return row !== undefined;
}

/**
 * Notes that the cloud reported a grant ended (status other than valid). Only ever takes access
 * away, so the bank may believe it; the first report stays.
 */
export async function noteGrantEnded(db: Db, tokenId: string, status: string, now: number): Promise<void> {
  await db.query(
    'update access_grants set ended_at = $3, ended_status = $2 where token_id = $1 and ended_at is null',
    [tokenId, status.slice(0, 40), new Date(now)],
  );
}
