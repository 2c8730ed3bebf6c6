import type { Db } from '@tokenos/db';
import { base64url } from '@tokenos/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBankDb, testRandom as random, testCustomer } from '../../test/bank-db.ts';
import { prng } from '../../test/prng.ts';
import {
  type AccountRow,
  checkLedger,
  clearingAccount,
  closeAccount,
  equityAccount,
  post,
} from '../ledger/ledger.ts';
import { executeOnce, settlePending, type TransferInstruction, type TransferRow } from './transfer-store.ts';

const peerA = 'PeerBankA_____________________________aaaa';
const peerB = 'PeerBankB_____________________________bbbb';

let db: Db;
const eur: AccountRow[] = [];
let gbp: AccountRow;
let closed: AccountRow;
let clearings: AccountRow[] = [];
const opening = 1_000_00n;

async function sums(): Promise<{ all: Record<string, bigint>; customers: bigint }> {
  const all: Record<string, bigint> = {};
  for (const r of await db.query<{ currency: string; s: bigint }>(
    'select currency, sum(balance)::bigint as s from accounts group by currency',
  ))
    all[r.currency] = r.s;
  const { s } = await db.one<{ s: bigint }>(
    "select coalesce(sum(balance), 0)::bigint as s from accounts where kind <> 'equity' and currency = 'EUR'",
  );
  return { all, customers: s };
}

beforeAll(async () => {
  db = await openBankDb('bank-conservation');
  const many = await testCustomer(db, { username: 'many', displayName: 'Many' });
  const open = (currency: string) => many.open('acc', currency);
  const equity = await equityAccount(db, 'EUR');
  for (let i = 0; i < 8; i++) {
    const a = await open('EUR');
    await post(db, {
      from: equity.account_id,
      to: a.account_id,
      amount: opening,
      currency: 'EUR',
      kind: 'seed',
      description: 'seed',
      reference: `S${i}`,
    });
    eur.push(a);
  }
  gbp = await open('GBP');
  closed = await open('EUR');
  await closeAccount(db, closed.account_id);
  clearings = [await clearingAccount(db, peerA, 'EUR'), await clearingAccount(db, peerB, 'EUR')];
});

afterAll(() => db?.close());

describe('conservation of money (ARCHITECTURE.md: a transfer executes at most once per token and refId)', () => {
  it('keeps every balance sum constant over 2,000 random, concurrent and retried transfers', async () => {
    const rnd = prng(20261122);
    const issued: TransferInstruction[] = [];
    const before = await sums();
    let n = 0;
    const make = (): TransferInstruction => {
      // One in six is a retry of an earlier instruction, exactly as first sent (same tokenId, refId).
      if (issued.length > 0 && rnd.next() < 1 / 6) return rnd.pick(issued);
      const source = rnd.next() < 0.03 ? closed : rnd.pick(eur);
      const r = rnd.next();
      const creditor =
        r < 0.1
          ? { account: rnd.pick(clearings).account_id, interbank: true }
          : r < 0.15
            ? { account: gbp.account_id, interbank: false }
            : r < 0.17
              ? { reject: 'AC03' as const, detail: 'unknown creditor account' }
              : { account: rnd.pick(eur.filter((a) => a !== source)).account_id, interbank: false };
      // Amounts up to a fifth of an opening balance: some transfers drain an account and later ones fail (AM04).
      const amount = BigInt(rnd.int(1, Number(opening / 5n)));
      const i: TransferInstruction = {
        tokenId: `token-${rnd.int(0, 40)}`,
        refId: `ref-${n++}`,
        transferId: base64url(random(9)),
        bankReference: `IRON-${n}-${base64url(random(6))}`,
        source: source.account_id,
        destination: { bankId: peerA, accountRef: `ref${n}xxxxx` },
        creditor,
        amount,
        currency: 'EUR',
        description: 'random transfer',
      };
      issued.push(i);
      return i;
    };

    const results: TransferRow[] = [];
    for (let batch = 0; batch < 100; batch++) {
      const instructions = Array.from({ length: 20 }, make);
      // A retry sent at the same time as its first attempt: the unique key, not luck, keeps it single.
      instructions.push(instructions[rnd.int(0, instructions.length - 1)]!);
      const out = await Promise.all(
        instructions.map((i) =>
          executeOnce(db, { ...i, bankReference: `${i.bankReference}-${batch}-${rnd.int(0, 1e9)}` }),
        ),
      );
      results.push(...out.map((o) => o.row));
      // Settle some pending inter-bank transfers either way, as the other bank would answer.
      const pending = out.map((o) => o.row).filter((r) => r.status === 'PDNG');
      await Promise.all(
        pending.map((p) =>
          settlePending(db, {
            tokenId: p.token_id,
            refId: p.ref_id,
            outcome:
              rnd.next() < 0.7
                ? { status: 'ACSC' }
                : { status: 'RJCT', reason: 'AC04', detail: 'creditor closed' },
          }),
        ),
      );
      // The sum of all balances never changes, after every batch.
      expect(await sums()).toEqual(before);
    }
    expect(results.length).toBe(2_100);

    // Every (tokenId, refId) was executed once: one row, and one ledger movement (two for a returned one).
    const rows = await db.query<TransferRow>('select * from transfers');
    const keys = new Set(issued.map((i) => `${i.tokenId}/${i.refId}`));
    expect(rows.length).toBe(keys.size);
    const movements = new Map<string, { kind: string; n: bigint }[]>();
    for (const m of await db.query<{ reference: string; kind: string; n: bigint }>(
      "select reference, kind, count(*) as n from ledger_transactions where kind <> 'seed' group by reference, kind",
    )) {
      movements.set(m.reference, [...(movements.get(m.reference) ?? []), { kind: m.kind, n: m.n }]);
    }
    const statuses = { ACSC: 0, RJCT: 0, PDNG: 0 };
    for (const row of rows) {
      statuses[row.status]++;
      const moved = movements.get(row.bank_reference) ?? [];
      if (row.status === 'RJCT' && row.reason !== 'AC04') expect(moved).toEqual([]);
      else if (row.status === 'RJCT') expect(moved.every((m) => m.n === 1n)).toBe(true);
      else
        expect(moved).toEqual([
          { kind: row.destination_account === null ? 'interbank-out' : 'transfer', n: 1n },
        ]);
    }
    // The run exercised every path: settled, pending-then-settled, rejected for each reason.
    expect(statuses.ACSC).toBeGreaterThan(700);
    const reasons = new Set(rows.filter((r) => r.status === 'RJCT').map((r) => r.reason));
    for (const reason of ['AM04', 'AC04', 'AM03', 'AC03']) expect(reasons).toContain(reason);

    // Each account's balance is what the recorded outcomes say it is, and what its entries say.
    for (const a of eur) {
      const { balance } = await db.one<{ balance: bigint }>(
        'select balance from accounts where account_id = $1',
        [a.account_id],
      );
      const net = rows.reduce((s, r) => {
        const done = r.status === 'ACSC' || r.status === 'PDNG';
        if (!done) return s;
        return (
          s +
          (r.destination_account === a.account_id ? r.amount : 0n) -
          (r.source_account === a.account_id ? r.amount : 0n)
        );
      }, opening);
      expect(balance).toBe(net);
      expect(balance >= 0n).toBe(true);
    }
    const check = await checkLedger(db);
    expect(check.drifted).toEqual([]);
    expect(check.unbalanced).toEqual([]);
    expect(check.balances).toEqual({ EUR: 0n, GBP: 0n });
  });

  it('refuses the same (tokenId, refId) for a different payment instead of treating it as a retry', async () => {
    const base: TransferInstruction = {
      tokenId: 'token-conflict',
      refId: 'r1',
      transferId: 't1',
      bankReference: 'IRON-conflict-1',
      source: eur[0]!.account_id,
      destination: { bankId: peerA, accountRef: 'conflict-ref' },
      creditor: { account: eur[1]!.account_id, interbank: false },
      amount: 1n,
      currency: 'EUR',
      description: 'x',
    };
    expect((await executeOnce(db, base)).row.status).toBe('ACSC');
    await expect(executeOnce(db, { ...base, bankReference: 'IRON-conflict-2', amount: 2n })).rejects.toThrow(
      /different transfer/,
    );
  });
});
