import type { Db } from '@tokenos/db';
import type { AccountLink } from '@tokenos/protocol';
import type { AccountRow } from '../ledger/ledger.ts';

/** How long a customer's consent waits for the member to finish the link (a signed request). */
export const pendingLinkTtlMs = 15 * 60_000;

export interface LinkRow {
  link_id: string;
  customer_id: string;
  member_id: string;
  status: 'pending' | 'active' | 'revoked';
  link: AccountLink;
  created_at: Date;
  expires_at: Date;
  activated_at: Date | null;
}

export interface ResolvedRef {
  accountRef: string;
  /** The member the account is linked to. */
  memberId: string;
  account: AccountRow;
}

/**
 * An opaque account reference as tokens name it, resolved to the account, only through an active
 * link: a pending or revoked link, or an unknown reference, resolves to nothing.
 */
export async function resolveAccountRef(db: Db, accountRef: string): Promise<ResolvedRef | undefined> {
  const row = await db.maybeOne<AccountRow & { account_ref: string; member_id: string }>(
    `select a.*, r.account_ref, l.member_id
       from account_refs r join links l using (link_id) join accounts a on a.account_id = r.account_id
      where r.account_ref = $1 and l.status = 'active'`,
    [accountRef],
  );
  if (!row) return undefined;
  const { account_ref, member_id, ...account } = row;
  return { accountRef: account_ref, memberId: member_id, account };
}

export async function insertPendingLink(
  tx: Db,
  args: {
    linkId: string;
    customerId: string;
    link: AccountLink;
    accountIds: Map<string, bigint>;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    "insert into links (link_id, customer_id, member_id, status, link, expires_at) values ($1, $2, $3, 'pending', $4::jsonb, $5)",
    [args.linkId, args.customerId, args.link.memberId, JSON.stringify(args.link), args.expiresAt],
  );
  for (const [accountRef, accountId] of args.accountIds)
    await tx.query('insert into account_refs (account_ref, link_id, account_id) values ($1, $2, $3)', [
      accountRef,
      args.linkId,
      accountId,
    ]);
}

export async function loadLink(db: Db, linkId: string): Promise<LinkRow | undefined> {
  return db.maybeOne<LinkRow>('select * from links where link_id = $1', [linkId]);
}

/** pending -> active, once, for the member named in the link, before it expires. */
export async function activateLink(
  db: Db,
  args: { linkId: string; memberId: string; now: number },
): Promise<LinkRow | undefined> {
  return db.maybeOne<LinkRow>(
    `update links set status = 'active', activated_at = $3
      where link_id = $1 and member_id = $2 and status = 'pending' and expires_at > $3 returning *`,
    [args.linkId, args.memberId, new Date(args.now)],
  );
}
