import { z } from 'zod';
import { hashIdSchema, memberIdSchema, nonceSchema, timestampSchema, tokenIdSchema } from '../common.ts';
import { type Conditions, conditionsSchema } from '../conditions/schema.ts';
import type { CurrencyCode } from '../currencies.ts';
import { formatAmount, moneySchema, parseAmount } from '../money.ts';
import { textSchema } from '../text.ts';

/** An opaque reference to an account at a bank; the account number never leaves the bank (seed 000: a smart token masks its asset). */
export const accountRefSchema = z.strictObject({
  bankId: memberIdSchema,
  accountRef: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected an opaque account reference'),
});
export type AccountRef = z.infer<typeof accountRefSchema>;

export const refIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 . _ : -');

/**
 * A transfer token's payload: everything that decides what may happen, hashed into its id
 * (ARCHITECTURE.md, "Ids"). `amount` is the lifetime total authorised; `conditions` narrows further
 * (per-transaction cap, periodic limits, redemption count, validity, payees).
 */
export const transferTokenPayloadSchema = z
  .strictObject({
    type: z.literal('TransferToken'),
    version: z.literal(1),
    nonce: nonceSchema,
    /** The member that created the token: the payer, or the payee answering its own request. */
    issuer: memberIdSchema,
    from: z.strictObject({ memberId: memberIdSchema }),
    to: z.strictObject({ memberId: memberIdSchema }),
    /** Who may redeem: the payee unless the creator names another member (seed 000, "Redeem"). */
    redeemer: memberIdSchema,
    transfer: z.strictObject({
      amount: moneySchema,
      description: textSchema({ max: 280 }),
      refId: refIdSchema,
      source: accountRefSchema,
      /**
       * A refund: the id of the transfer token whose money this one pays back (from that token's
       * payee to its payer, in its currency, within what it moved; see sca-policy.ts, "Refund").
       * Absent on every other payment, so existing token ids are unchanged.
       */
      refundOf: tokenIdSchema.optional(),
    }),
    conditions: conditionsSchema,
    effectiveAt: timestampSchema,
    expiresAt: timestampSchema,
    /** After this the token can no longer be endorsed (a payment request's deadline). */
    endorseUntil: timestampSchema.optional(),
    /** The token request this token answers, if any. */
    requestId: hashIdSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.expiresAt <= p.effectiveAt)
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after effectiveAt' });
    if (p.conditions.currency !== p.transfer.amount.currency)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions', 'currency'],
        message: `expected ${p.transfer.amount.currency} (the token's currency), got ${p.conditions.currency}`,
      });
    if (p.from.memberId === p.to.memberId)
      ctx.addIssue({ code: 'custom', path: ['to', 'memberId'], message: 'payer and payee must differ' });
  });
export type TransferTokenPayload = z.infer<typeof transferTokenPayloadSchema>;

/**
 * The conditions a redemption is checked against: the token's own, with the lifetime `amount` as
 * a cumulative cap (the stricter of the two when both are set) and the payee as the only payee.
 */
export function effectiveTransferConditions(p: TransferTokenPayload): Conditions {
  const currency = p.transfer.amount.currency as CurrencyCode;
  const lifetime = parseAmount(p.transfer.amount.value, currency);
  const own =
    p.conditions.cumulativeLimit === undefined
      ? undefined
      : parseAmount(p.conditions.cumulativeLimit, currency);
  const cap = own === undefined || lifetime < own ? lifetime : own;
  return { ...p.conditions, cumulativeLimit: formatAmount(cap, currency), payees: [p.to.memberId] };
}
