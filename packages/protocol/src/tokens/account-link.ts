import { z } from 'zod';
import { b64urlSchema, memberIdSchema, signerSchema, timestampSchema } from '../common.ts';
import { currencySchema } from '../currencies.ts';
import { moneySchema, moneySchemaWith } from '../money.ts';
import { textSchema } from '../text.ts';
import { accountRefSchema } from './transfer-token.ts';

/**
 * An account number as it may appear outside the bank: four asterisks and the last four
 * characters, e.g. `**** 1234` (seed 000: "A smart token masks its underlying asset, such as an
 * account number"). The schema refuses anything longer, so a bank cannot leak a full IBAN here.
 */
export const maskedAccountNumberSchema = z
  .string()
  .regex(/^\*{4} [0-9A-Z]{4}$/, 'expected a masked account number such as "**** 1234" (last four only)');

/** One account the customer chose to link, named by an opaque reference (never its number). */
export const linkedAccountSchema = z.strictObject({
  accountRef: accountRefSchema.shape.accountRef,
  name: textSchema({ min: 1, max: 80 }),
  currency: currencySchema,
  maskedNumber: maskedAccountNumberSchema,
});
export type LinkedAccount = z.infer<typeof linkedAccountSchema>;

/**
 * What a bank's consent page hands back to the wallet after the customer signed in and chose
 * accounts: which accounts of `bankId` are now linked to `memberId`, signed by the bank with one of
 * its directory keys. The wallet verifies the signature against the bank's directory log
 * (sdk `verifyAccountLink`) before it shows or uses any account.
 */
export const accountLinkSchema = z
  .strictObject({
    type: z.literal('AccountLink'),
    version: z.literal(1),
    bankId: memberIdSchema,
    memberId: memberIdSchema,
    accounts: z.array(linkedAccountSchema).min(1).max(20),
    createdAt: timestampSchema,
    signer: signerSchema,
    signature: b64urlSchema.max(200),
  })
  .superRefine((link, ctx) => {
    if (link.signer.memberId !== link.bankId)
      ctx.addIssue({
        code: 'custom',
        path: ['signer', 'memberId'],
        message: `expected the bank ${link.bankId} to sign, got ${link.signer.memberId}`,
      });
    if (link.memberId === link.bankId)
      ctx.addIssue({
        code: 'custom',
        path: ['memberId'],
        message: 'a bank does not link accounts to itself',
      });
    const refs = link.accounts.map((a) => a.accountRef);
    refs.forEach((ref, i) => {
      if (refs.indexOf(ref) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i, 'accountRef'],
          message: `account ${ref} is listed twice`,
        });
    });
  });
export type AccountLink = z.infer<typeof accountLinkSchema>;

/*
 * What a bank answers to account-information reads made with an access token (seed 000, "Access
 * Tokens": balances and transaction history), shaped after ISO 20022 camt.052: the cloud relays
 * these to the grantee, so account numbers never appear, only the opaque `accountRef`.
 */

/** A balance may be zero or negative (an overdraft), unlike a payable amount. */
const balanceMoneySchema = moneySchemaWith({ allowZero: true, allowNegative: true });

export const accountBalanceSchema = z.strictObject({
  accountRef: accountRefSchema.shape.accountRef,
  /** ISO 20022 BalanceType12Code ITBD, interim booked: every booked entry so far. */
  booked: balanceMoneySchema,
  /** ISO 20022 ITAV, interim available: what can be spent now. */
  available: balanceMoneySchema,
  asOf: timestampSchema,
});
export type AccountBalance = z.infer<typeof accountBalanceSchema>;

export const accountTransactionSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an opaque entry id'),
  bookedAt: timestampSchema,
  /** Always positive; the direction is `creditDebitIndicator` (ISO 20022 CreditDebitCode). */
  amount: moneySchema,
  creditDebitIndicator: z.enum(['CRDT', 'DBIT']),
  /** ISO 20022 EntryStatus1Code: BOOK booked, PDNG pending. */
  status: z.enum(['BOOK', 'PDNG']),
  description: textSchema({ max: 280 }),
});
export type AccountTransaction = z.infer<typeof accountTransactionSchema>;

export const transactionsPageSchema = z.strictObject({
  accountRef: accountRefSchema.shape.accountRef,
  transactions: z.array(accountTransactionSchema).max(200),
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .nullable(),
});
export type TransactionsPage = z.infer<typeof transactionsPageSchema>;
