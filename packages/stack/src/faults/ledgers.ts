import { type Db, openDb } from '@tokenos/db';

/** What one bank transfer of a token looks like in the bank's own tables. */
export interface BankTransfer {
  token_id: string;
  ref_id: string;
  status: string;
  amount: bigint;
  bank_reference: string;
  /** Ledger transactions carrying this transfer's bank reference. */
  postings: number;
}

/** What the cloud recorded for a token's redemptions. */
export interface CloudTransfer {
  token_id: string;
  ref_id: string;
  status: string;
  amount: bigint;
  bank_reference: string | null;
}

const big = (v: unknown): bigint => BigInt(v as string | number | bigint);

/**
 * Reads the bank's and the cloud's own tables directly (their PostgreSQL databases), so the checks
 * after a fault do not trust any process that was just killed to report on itself.
 */
export class Ledgers {
  readonly #bank: Db;
  readonly #cloud: Db;

  private constructor(bank: Db, cloud: Db) {
    this.#bank = bank;
    this.#cloud = cloud;
  }

  static async open(urls: { bank: string; cloud: string }): Promise<Ledgers> {
    return new Ledgers(await openDb({ url: urls.bank, max: 2 }), await openDb({ url: urls.cloud, max: 2 }));
  }

  /** The sum of every account's balance per currency: double entry keeps it constant. */
  async bankTotals(): Promise<Record<string, bigint>> {
    const rows = await this.#bank.query<{ currency: string; total: unknown }>(
      'select currency, sum(balance)::bigint as total from accounts group by currency order by currency',
    );
    return Object.fromEntries(rows.map((r) => [r.currency, big(r.total)]));
  }

  /** Balance of a customer's account, found by its name and the customer's username. */
  async balance(username: string, accountName: string): Promise<bigint> {
    const row = await this.#bank.one<{ balance: unknown }>(
      `select a.balance from accounts a join customers c on c.customer_id = a.customer_id
        where c.username = $1 and a.name = $2`,
      [username, accountName],
    );
    return big(row.balance);
  }

  /** The bank's transfers of these tokens, with how many ledger postings each has. */
  async bankTransfers(tokenIds: readonly string[]): Promise<BankTransfer[]> {
    const rows = await this.#bank.query<BankTransfer & { postings: unknown; amount: unknown }>(
      `select t.token_id, t.ref_id, t.status, t.amount, t.bank_reference,
              (select count(*) from ledger_transactions l where l.reference = t.bank_reference) as postings
         from transfers t where t.token_id = any($1::text[])`,
      [tokenIds],
    );
    return rows.map((r) => ({ ...r, amount: big(r.amount), postings: Number(r.postings) }));
  }

  async cloudTransfers(tokenIds: readonly string[]): Promise<CloudTransfer[]> {
    const rows = await this.#cloud.query<CloudTransfer & { amount: unknown }>(
      'select token_id, ref_id, status, amount, bank_reference from transfers where token_id = any($1::text[])',
      [tokenIds],
    );
    return rows.map((r) => ({ ...r, amount: big(r.amount) }));
  }

  async close(): Promise<void> {
    await Promise.all([this.#bank.close(), this.#cloud.close()]);
  }
}

/** How many times each key occurs. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
