import type { Money } from '@tokenos/protocol';
import { JsonFileMap } from './json-file-map.ts';

/** One charge against a saved payment: by the shop, or by its marketplace seller through a sub-token. */
export interface SavedCharge {
  /** The idempotency key of the charge (the cloud charges a (token, refId) once). */
  refId: string;
  by: 'shop' | 'seller';
  item: string;
  amount: Money;
  /**
   * `unknown`: the cloud did not answer, so the charge may or may not have happened; the next
   * order sends this very charge again (same refId, charged at most once) to learn its outcome.
   */
  status: 'paid' | 'processing' | 'refused' | 'failed' | 'unknown';
  /** Why it was refused or failed, in words for the page. */
  reason?: string;
  at: number;
}

/** A shopper's "save for later / subscribe": the member-token request and, once approved, the token. */
export interface SavedPayment {
  id: string;
  sessionId: string;
  createdAt: number;
  requestId: string;
  status: 'awaiting-approval' | 'declined' | 'active';
  memberTokenId?: string;
  /** The token in the custom format (seed 001 option 2): what the shop presents to charge it. */
  token?: string;
  /** The seller's sub-merchant token, derived on the first marketplace order. */
  seller?: { memberTokenId: string; token: string };
  charges: SavedCharge[];
}

/** Saved payments in memory, written to one JSON file after each change (json-file-map.ts). */
export class SavedPaymentStore extends JsonFileMap<SavedPayment> {
  static open(path?: string): Promise<SavedPaymentStore> {
    return new SavedPaymentStore(path).load();
  }

  /** The session's active saved payment, else its latest one. */
  forSession(sessionId: string): SavedPayment | undefined {
    const mine = this.values()
      .filter((s) => s.sessionId === sessionId)
      .sort((a, b) => b.createdAt - a.createdAt);
    return mine.find((s) => s.status === 'active') ?? mine[0];
  }
}

/** The next charge's refId: the saved payment and a sequence number, so a retry of one charge never charges twice. */
export function savedPaymentRefId(saved: SavedPayment): string {
  return `sub-${saved.id.slice(0, 16)}-${saved.charges.length + 1}`;
}
