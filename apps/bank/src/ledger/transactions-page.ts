import type { Db } from '@tokenos/db';
import {
  type AccountTransaction,
  base64url,
  type CurrencyCode,
  formatAmount,
  fromBase64url,
  ProtocolError,
  type TransactionsPage,
  utf8,
} from '@tokenos/protocol';
import { entriesOf } from './ledger.ts';

/** Keyset cursor on the entry id: opaque to callers, so pages stay stable while entries arrive. */
function encodeCursor(entryId: bigint): string {
  return base64url(utf8(`e:${entryId}`));
}

function decodeCursor(cursor: string): bigint {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(cursor, 'cursor'));
  } catch {
    text = '';
  }
  const m = /^e:([1-9][0-9]{0,18})$/.exec(text);
  if (!m)
    throw new ProtocolError('Malformed', 'cursor: expected the nextCursor of a previous page', {
      field: 'cursor',
    });
  return BigInt(m[1]!);
}

/**
 * One page of an account's entries, newest first, shaped after ISO 20022 camt.052: what both an
 * access-token holder and the account's own member read, so the two answers look alike.
 */
export async function transactionsPage(
  db: Db,
  account: { account_id: bigint; currency: string },
  accountRef: string,
  opts: { cursor?: string | undefined; limit?: number | undefined },
): Promise<TransactionsPage> {
  const limit = opts.limit ?? 50;
  const rows = await entriesOf(db, account.account_id, {
    ...(opts.cursor ? { before: decodeCursor(opts.cursor) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const currency = account.currency as CurrencyCode;
  const transactions: AccountTransaction[] = page.map((e) => ({
    id: String(e.entry_id),
    bookedAt: e.created_at.getTime(),
    amount: { value: formatAmount(e.amount < 0n ? -e.amount : e.amount, currency), currency },
    creditDebitIndicator: e.amount < 0n ? 'DBIT' : 'CRDT',
    status: e.pending ? 'PDNG' : 'BOOK',
    description: e.description.slice(0, 280),
  }));
  const last = page.at(-1);
  return {
    accountRef,
    transactions,
    nextCursor: rows.length > limit && last ? encodeCursor(last.entry_id) : null,
  };
}
