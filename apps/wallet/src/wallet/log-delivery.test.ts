import type { LogHead, LogReceipt } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { bankConfirmation } from '../words.ts';
import { deliverToBanks, type LogDeliveryRecord, parseDeliveryRecords } from './log-delivery.ts';
import type { BankLinkRecord } from './wallet-db.ts';

const link = (bankId: string, bankName: string): BankLinkRecord => ({
  bankId,
  bankKey: `${bankId}-key`,
  bankName,
  accounts: [],
  linkedAt: 1,
});
const iron = link('I'.repeat(43), 'Iron Bank');
const gold = link('G'.repeat(43), 'Gold Bank');
const head = (seq: number): LogHead => ({ seq, hash: String(seq).padStart(43, 'h') });
const memberId = 'M'.repeat(43);

/** A bank that holds heads as a real one does: it takes a log only if it extends what it has. */
function bank(holds: LogHead | undefined, delivered: LogHead, at: number) {
  const asked: (LogHead | undefined)[] = [];
  let held = holds;
  const deliver = async (knownHead: LogHead | undefined): Promise<LogReceipt> => {
    asked.push(knownHead);
    if (held && delivered.seq < held.seq) throw Object.assign(new Error('stale'), { code: 'StaleLog' });
    held = delivered;
    return { memberId, head: delivered, confirmedAt: at };
  };
  return { asked, deliver };
}

describe('delivering the log to linked banks', () => {
  it('after a change, delivers to every linked bank from the head it confirmed, and keeps each answer', async () => {
    const ironBank = bank(head(2), head(3), 5_000);
    const goldBank = bank(undefined, head(3), 6_000);
    const records: LogDeliveryRecord[] = [
      { bankId: iron.bankId, confirmed: { ...head(2), at: 1_000 }, pending: false },
      // A bank unlinked since: forgotten.
      { bankId: 'X'.repeat(43), pending: true },
    ];
    const outcome = await deliverToBanks({
      links: [iron, gold],
      records,
      afterChange: true,
      deliver: (l, known) => (l === iron ? ironBank : goldBank).deliver(known),
    });
    expect(ironBank.asked).toEqual([head(2)]);
    expect(goldBank.asked).toEqual([undefined]);
    expect(outcome).toEqual({
      failed: [],
      records: [
        { bankId: iron.bankId, confirmed: { ...head(3), at: 5_000 }, pending: false },
        { bankId: gold.bankId, confirmed: { ...head(3), at: 6_000 }, pending: false },
      ],
    });
  });

  it('keeps a bank that did not answer pending, with its last confirmation, and asks it again on the next unlock only', async () => {
    const unreachable = new TypeError('fetch failed');
    const first = await deliverToBanks({
      links: [iron, gold],
      records: [{ bankId: iron.bankId, confirmed: { ...head(1), at: 1_000 }, pending: false }],
      afterChange: true,
      deliver: async (l) => {
        if (l === iron) throw unreachable;
        return { memberId, head: head(2), confirmedAt: 2_000 };
      },
    });
    expect(first.failed).toEqual([{ bankId: iron.bankId, error: unreachable }]);
    expect(first.records[0]).toEqual({
      bankId: iron.bankId,
      confirmed: { ...head(1), at: 1_000 },
      pending: true,
    });
    expect(bankConfirmation('Iron Bank', first.records[0], 3_000, 'en')).toBe(
      'Iron Bank has not confirmed your latest change yet. The wallet tries again when you next unlock it.',
    );

    // The next unlock: no change, so only the pending bank is asked.
    const askedOn: string[] = [];
    const second = await deliverToBanks({
      links: [iron, gold],
      records: first.records,
      afterChange: false,
      deliver: async (l, known) => {
        askedOn.push(l.bankName);
        expect(known).toEqual(head(1));
        return { memberId, head: head(2), confirmedAt: 4_000 };
      },
    });
    expect(askedOn).toEqual(['Iron Bank']);
    expect(second.records[0]).toEqual({
      bankId: iron.bankId,
      confirmed: { ...head(2), at: 4_000 },
      pending: false,
    });
    expect(bankConfirmation('Iron Bank', second.records[0], 4_000, 'en')).toMatch(
      /^Iron Bank confirmed your latest change at /,
    );
    expect(bankConfirmation('Iron Bank', second.records[0], 4_000, 'en')).not.toMatch(/h{10}/);
  });

  it('keeps a bank that refuses the log pending: the wallet does not pretend it confirmed', async () => {
    const ironBank = bank(head(5), head(3), 9_000);
    const outcome = await deliverToBanks({
      links: [iron],
      records: [],
      afterChange: true,
      deliver: (_l, known) => ironBank.deliver(known),
    });
    expect(outcome.records).toEqual([{ bankId: iron.bankId, pending: true }]);
    expect(outcome.failed[0]?.error).toMatchObject({ code: 'StaleLog' });
  });

  it('reads back only well-formed stored records', () => {
    expect(
      parseDeliveryRecords([
        { bankId: iron.bankId, pending: false, confirmed: { ...head(1), at: 7 } },
        { bankId: gold.bankId, pending: true, confirmed: { seq: 'x' } },
        { bankId: 3, pending: true },
        'junk',
      ]),
    ).toEqual([
      { bankId: iron.bankId, pending: false, confirmed: { ...head(1), at: 7 } },
      { bankId: gold.bankId, pending: true },
    ]);
    expect(parseDeliveryRecords(undefined)).toEqual([]);
  });
});
