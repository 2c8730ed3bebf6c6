import { z } from 'zod';
import {
  b64urlSchema,
  hashIdSchema,
  httpUrlSchema,
  type KeyLevel,
  keyIdSchema,
  nonceSchema,
  originSchema,
  signerSchema,
  timestampSchema,
  tokenIdSchema,
} from '../common.ts';
import { conditionsSchema } from '../conditions/schema.ts';
import { memberTokenIdSchema } from '../member-tokens/claims.ts';
import { memberTokenRequestBodySchema } from '../member-tokens/token-request.ts';
import { moneySchema } from '../money.ts';
import { profileFieldSchema } from '../personal/personal-data.ts';
import { textSchema } from '../text.ts';
import { accountScopeSchema } from './access-token.ts';
import { refIdSchema } from './transfer-token.ts';

/** One line of what a payment is for: "2 × House espresso beans, €25.00". */
export const lineItemSchema = z.strictObject({
  description: z.string().min(1).max(120),
  quantity: z.number().int().min(1).max(9_999),
  amount: moneySchema,
});
export type LineItem = z.infer<typeof lineItemSchema>;

/**
 * The least key level that signs a token request: LOW ("enables most Token SDK calls", seed 000,
 * "Key Management"); asking commits the requester to nothing, the payer's endorsement does.
 */
export const tokenRequestSignerLevel: KeyLevel = 'LOW';

/**
 * A merchant's or AISP's signed request for a token (seed 000 lifecycle step 1, "Request"). The
 * amount is fixed here, by the requester's backend, never in the browser.
 */
export const tokenRequestSchema = z
  .strictObject({
    type: z.literal('TokenRequest'),
    version: z.literal(1),
    nonce: nonceSchema,
    signer: signerSchema,
    createdAt: timestampSchema,
    expiresAt: timestampSchema,
    body: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('transfer'),
        amount: moneySchema,
        description: textSchema({ min: 1, max: 280 }),
        refId: refIdSchema,
        /** Optional extra conditions (multi-use, periodic limits); default single use. */
        conditions: conditionsSchema.optional(),
        /**
         * Ask for a shipping address with the payment (issue 9): the user picks one and one
         * approval grants the requester an access token for it. `optional`: the user may pay
         * without sharing; `required`: no payment without it.
         */
        shippingAddress: z.enum(['required', 'optional']).optional(),
        /**
         * What the payment is for, line by line, as the merchant's cart shows it (issue 14): the
         * wallet shows them beside the amount. Each `amount` is the line's total, in the
         * payment's currency; the lines need not add up to the amount (shipping, discounts).
         */
        lineItems: z.array(lineItemSchema).min(1).max(50).optional(),
      }),
      z.strictObject({
        kind: z.literal('access'),
        scopes: z.array(accountScopeSchema).min(1).max(3),
        /** Requested lifetime in days (PSD2 RTS Art. 10: at most 180). */
        days: z.number().int().min(1).max(180),
        /**
         * Profile fields the app would also like to read (issue 9: PII only with the owner's
         * consent); the user may share all, some or none of them, in the same grant.
         */
        profile: z
          .array(profileFieldSchema)
          .min(1)
          .max(3)
          .refine((f) => new Set(f).size === f.length, 'each profile field at most once')
          .optional(),
      }),
      /** A member token for the requester (issue 7): member-tokens/token-request.ts. */
      memberTokenRequestBodySchema,
    ]),
    /** The requester's public face; the cloud checks the domain is a verified DOMAIN alias of the signer. */
    requester: z.strictObject({ name: textSchema({ min: 1, max: 80 }), domain: z.string().min(1).max(253) }),
    /** Exact origin that receives the result by postMessage, and/or the URL to redirect back to. */
    returnOrigin: originSchema,
    redirectUrl: httpUrlSchema.optional(),
    /** base64url(SHA-256(csrf token)): the requester keeps the token in its session and checks the echo. */
    state: b64urlSchema.length(43),
    signature: b64urlSchema.max(200),
  })
  .superRefine((r, ctx) => {
    if (r.expiresAt <= r.createdAt)
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after createdAt' });
    if (r.redirectUrl !== undefined && new URL(r.redirectUrl).origin !== r.returnOrigin)
      ctx.addIssue({ code: 'custom', path: ['redirectUrl'], message: 'redirectUrl must be on returnOrigin' });
    if (r.body.kind === 'transfer')
      for (const [i, line] of (r.body.lineItems ?? []).entries())
        if (line.amount.currency !== r.body.amount.currency)
          ctx.addIssue({
            code: 'custom',
            path: ['body', 'lineItems', i, 'amount', 'currency'],
            message: `line currency ${line.amount.currency} must match the amount's ${r.body.amount.currency}`,
          });
    if (
      r.body.kind === 'transfer' &&
      r.body.conditions &&
      r.body.conditions.currency !== r.body.amount.currency
    )
      ctx.addIssue({
        code: 'custom',
        path: ['body', 'conditions', 'currency'],
        message: 'conditions currency must match the amount',
      });
    // The member token pays its holder, the requester: a limit to another merchant could never be charged.
    if (
      r.body.kind === 'memberToken' &&
      r.body.limitations.merchantId !== undefined &&
      r.body.limitations.merchantId !== r.signer.memberId
    )
      ctx.addIssue({
        code: 'custom',
        path: ['body', 'limitations', 'merchantId'],
        message: `expected the requester ${r.signer.memberId}, got ${r.body.limitations.merchantId}`,
      });
  });
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/**
 * What the browser carries back to the requester: the cloud's signature over request id, token id
 * and state. The requester's SDK refuses it unless the signature verifies under the cloud's key and
 * `state` equals the hash of its own CSRF token.
 */
export const tokenRequestResultSchema = z.strictObject({
  type: z.literal('TokenRequestResult'),
  version: z.literal(1),
  requestId: hashIdSchema,
  outcome: z.enum(['approved', 'declined']),
  tokenId: tokenIdSchema.nullable(),
  /** For a payment that asked for a shipping address: the address grant, or null when not shared. */
  accessTokenId: tokenIdSchema.nullable().optional(),
  /** For a member-token request: the member token (tokenId is then its backing transfer token). */
  memberTokenId: memberTokenIdSchema.optional(),
  state: b64urlSchema.length(43),
  createdAt: timestampSchema,
  keyId: keyIdSchema,
  signature: b64urlSchema.max(200),
});
export type TokenRequestResult = z.infer<typeof tokenRequestResultSchema>;
