// After each change to the member's keys, passkeys or email, the wallet hands its directory log
// to every bank it linked (POST /me/log): from then on the bank refuses a cloud that serves the log
// as it was before the change (a removed key kept alive). A bank that cannot be reached keeps its
// change pending, and the wallet tries again on the next unlock. Pure of storage and network:
// callers pass the records and the delivery, so the rules are tested without a browser.
import type { LogHead, LogReceipt } from '@tokenos/protocol';
import type { BankLinkRecord } from './wallet-db.ts';

/** What the wallet knows of one bank's copy of its log. */
export interface LogDeliveryRecord {
  bankId: string;
  /** The head this bank answered it holds, and when it confirmed it (the bank's clock). */
  confirmed?: LogHead & { at: number };
  /** A change this bank has not confirmed yet: delivered again on the next unlock. */
  pending: boolean;
}

export type DeliverTo = (link: BankLinkRecord, knownHead: LogHead | undefined) => Promise<LogReceipt>;

export interface DeliveryOutcome {
  records: LogDeliveryRecord[];
  /** The banks that did not confirm this time, with what went wrong (for words, by code). */
  failed: { bankId: string; error: unknown }[];
}

/**
 * Delivers to each linked bank with a change pending; `afterChange` marks every linked bank
 * pending first (the log just changed). Records of banks no longer linked are dropped; a bank that
 * fails keeps its last confirmation and stays pending. Banks are asked in parallel: one slow bank
 * does not hold up the others.
 */
export async function deliverToBanks(args: {
  links: readonly BankLinkRecord[];
  records: readonly LogDeliveryRecord[];
  deliver: DeliverTo;
  afterChange: boolean;
}): Promise<DeliveryOutcome> {
  const failed: DeliveryOutcome['failed'] = [];
  const marked = args.afterChange ? markPending(args.links, args.records) : args.records;
  const records = await Promise.all(
    args.links.map(async (link): Promise<LogDeliveryRecord> => {
      const record = marked.find((r) => r.bankId === link.bankId) ?? { bankId: link.bankId, pending: false };
      if (!record.pending) return record;
      try {
        const known = record.confirmed
          ? { seq: record.confirmed.seq, hash: record.confirmed.hash }
          : undefined;
        const receipt = await args.deliver(link, known);
        return {
          bankId: link.bankId,
          confirmed: { ...receipt.head, at: receipt.confirmedAt },
          pending: false,
        };
      } catch (error) {
        failed.push({ bankId: link.bankId, error });
        return record;
      }
    }),
  );
  return { records, failed };
}

/**
 * Every linked bank marked pending, its last confirmation kept: stored before delivering, so a
 * delivery cut short (the tab closed) is tried again on the next unlock.
 */
export function markPending(
  links: readonly BankLinkRecord[],
  records: readonly LogDeliveryRecord[],
): LogDeliveryRecord[] {
  return links.map((link) => {
    const before = records.find((r) => r.bankId === link.bankId);
    return {
      bankId: link.bankId,
      ...(before?.confirmed ? { confirmed: before.confirmed } : {}),
      pending: true,
    };
  });
}

/** Parses stored delivery records (storage is outside input): drops what does not fit. */
export function parseDeliveryRecords(value: unknown): LogDeliveryRecord[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r: unknown): LogDeliveryRecord[] => {
    if (typeof r !== 'object' || r === null) return [];
    const { bankId, pending, confirmed } = r as Record<string, unknown>;
    if (typeof bankId !== 'string' || typeof pending !== 'boolean') return [];
    const c = confirmed as Record<string, unknown> | undefined;
    const ok =
      c !== undefined &&
      typeof c === 'object' &&
      c !== null &&
      Number.isInteger(c.seq) &&
      typeof c.hash === 'string' &&
      typeof c.at === 'number';
    return [
      {
        bankId,
        pending,
        ...(ok ? { confirmed: { seq: c.seq as number, hash: c.hash as string, at: c.at as number } } : {}),
      },
    ];
  });
}
