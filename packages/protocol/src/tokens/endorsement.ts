import { z } from 'zod';
import { canonicalBytes } from '../canonical.ts';
import {
  b64urlSchema,
  hashIdSchema,
  keyIdSchema,
  signerSchema,
  timestampSchema,
  tokenIdSchema,
} from '../common.ts';
import { sha256 } from '../hash.ts';

/** A WebAuthn assertion as the browser returns it (base64url fields, W3C WebAuthn L3 §5.2.2). */
export const passkeyAssertionSchema = z.strictObject({
  credentialId: b64urlSchema.max(1400),
  authenticatorData: b64urlSchema.max(4000),
  clientDataJSON: b64urlSchema.max(4000),
  signature: b64urlSchema.max(400),
  userHandle: b64urlSchema.max(200).optional(),
});
export type PasskeyAssertion = z.infer<typeof passkeyAssertionSchema>;

/**
 * How strong customer authentication was satisfied for one endorsement: a passkey assertion bound
 * to the token, or a named exemption: 'LowValue' (PSD2 RTS Art. 16 low-value payments) or 'Refund'
 * (a transfer token with `transfer.refundOf` paying back what its payer received; sca-policy.ts).
 * Access grants always need the passkey (RTS Art. 10 first access).
 */
export const scaEvidenceSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('passkey'),
    assertion: passkeyAssertionSchema,
    /**
     * Several tokens approved on one screen with one passkey prompt (a payment and the shipping
     * address shared with it): every token id of that approval, sorted. The assertion's challenge
     * is then scaBundleChallenge(tokenIds), which still names each token (RTS Art. 5 dynamic
     * linking): the assertion approves exactly this set and nothing else.
     */
    tokenIds: z.array(tokenIdSchema).min(2).max(4).optional(),
  }),
  z.strictObject({ method: z.literal('exemption'), exemption: z.enum(['LowValue', 'Refund']) }),
]);
export type ScaEvidence = z.infer<typeof scaEvidenceSchema>;

/** The asset owner's endorsement: a signature over the token id (seed 000, "Endorse"). */
export const endorsementSchema = z
  .strictObject({
    type: z.literal('Endorsement'),
    version: z.literal(1),
    tokenId: tokenIdSchema,
    signer: signerSchema,
    createdAt: timestampSchema,
    sca: scaEvidenceSchema,
    signature: b64urlSchema.max(200),
  })
  .superRefine((e, ctx) => {
    if (e.sca.method !== 'passkey' || e.sca.tokenIds === undefined) return;
    const ids = e.sca.tokenIds;
    if (!ids.includes(e.tokenId))
      ctx.addIssue({
        code: 'custom',
        path: ['sca', 'tokenIds'],
        message: `the approved tokens must include the endorsed token ${e.tokenId}`,
      });
    if (ids.some((id, i) => i > 0 && ids[i - 1]! >= id))
      ctx.addIssue({
        code: 'custom',
        path: ['sca', 'tokenIds'],
        message: 'expected distinct ids in ascending order',
      });
  });
export type Endorsement = z.infer<typeof endorsementSchema>;

/** The payer's bank's co-signature, after it verified the payer's endorsement itself. */
export const bankEndorsementSchema = z.strictObject({
  type: z.literal('BankEndorsement'),
  version: z.literal(1),
  tokenId: tokenIdSchema,
  /** objectId of the payer endorsement the bank checked. */
  endorsement: hashIdSchema,
  signer: signerSchema,
  createdAt: timestampSchema,
  signature: b64urlSchema.max(200),
});
export type BankEndorsement = z.infer<typeof bankEndorsementSchema>;

/** Either party may cancel at any time (seed 000, "Cancel"). */
export const cancellationSchema = z.strictObject({
  type: z.literal('Cancellation'),
  version: z.literal(1),
  tokenId: tokenIdSchema,
  signer: signerSchema,
  createdAt: timestampSchema,
  signature: b64urlSchema.max(200),
});
export type Cancellation = z.infer<typeof cancellationSchema>;

/**
 * The WebAuthn challenge for endorsing a token: derived from the token id, which is the hash of
 * payer, payee, amount and every condition. PSD2 RTS Art. 5 (dynamic linking): an assertion made
 * for one token can never approve another.
 */
export function scaChallenge(tokenId: string): Uint8Array {
  return sha256(canonicalBytes({ type: 'ScaChallenge', version: 1, tokenId, action: 'endorse' }));
}

/**
 * The challenge of one passkey assertion approving several tokens together (sorted ids): a
 * different object type from scaChallenge's, so it can never collide with a single-token challenge.
 */
export function scaBundleChallenge(tokenIds: readonly string[]): Uint8Array {
  const sorted = [...tokenIds].sort();
  return sha256(
    canonicalBytes({ type: 'ScaBundleChallenge', version: 1, tokenIds: sorted, action: 'endorse' }),
  );
}

/** The challenge an endorsement's passkey assertion must sign: its token's, or its bundle's. */
export function endorsementScaChallenge(e: Pick<Endorsement, 'tokenId' | 'sca'>): Uint8Array {
  return e.sca.method === 'passkey' && e.sca.tokenIds !== undefined
    ? scaBundleChallenge(e.sca.tokenIds)
    : scaChallenge(e.tokenId);
}

export const cloudKeyIdSchema = keyIdSchema;
