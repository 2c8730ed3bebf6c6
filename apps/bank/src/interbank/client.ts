import {
  type AccountRef,
  type BankEndorsement,
  type Money,
  parseWith,
  type TransferTokenPayload,
} from '@tokenos/protocol';
import { CloudClient } from '@tokenos/sdk';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';

/** A credit instruction from the payer's bank to the payee's bank (in the role of an ISO 20022 pacs.008). */
export interface CreditInstruction {
  tokenId: string;
  refId: string;
  amount: Money;
  destination: AccountRef;
  /** The token and the payer bank's co-signature: the payee's bank credits only for a real, co-signed token. */
  payload: TransferTokenPayload;
  bankEndorsement: BankEndorsement;
  /** The payer bank's own reference, for both banks' statements. */
  payerReference: string;
}

/** The payee bank's answer (pacs.002): settled with its reference, or rejected with a reason code. */
export const creditResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ACSC'), bankReference: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.strictObject({
    status: z.literal('RJCT'),
    reason: z.string().regex(/^[A-Z0-9]{4}$/),
    detail: z.string().max(500).optional(),
  }),
]);
export type CreditResult = z.infer<typeof creditResultSchema>;

/** POST /interbank/v1/credits at the payee's bank, signed (RFC 9421) with this bank's STANDARD key. */
export async function creditPeer(
  deps: BankDeps,
  peerUrl: string,
  instruction: CreditInstruction,
): Promise<CreditResult> {
  const client = new CloudClient({
    baseUrl: peerUrl,
    fetch: (input, init) => deps.fetch(input, { ...init, signal: AbortSignal.timeout(5_000) }),
    now: deps.now,
    // A peer bank keeps no Idempotency-Key answers; the caller retries the credit itself.
    networkRetries: 0,
  });
  const answer = await client.send<unknown>(
    'POST',
    '/interbank/v1/credits',
    instruction,
    await deps.member.signerFor('STANDARD'),
  );
  return parseWith(creditResultSchema, answer, 'inter-bank credit result');
}
