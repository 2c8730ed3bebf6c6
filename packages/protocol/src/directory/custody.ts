import { z } from 'zod';
import {
  algorithmSchema,
  b64urlSchema,
  hashIdSchema,
  keyIdSchema,
  memberIdSchema,
  timestampSchema,
} from '../common.ts';
import { aliasEntrySchema } from './entries.ts';

/**
 * Members created on a user's behalf by a merchant, and the user's claim (seed 001, "Members":
 * "Members can be created directly ... or on behalf of a user by a Merchant").
 *
 * - The first operation is `createCustodial`, signed by the merchant's own key, which it names
 *   (`custodian.key`) beside its member id. The new member has NO keys: nothing can sign a request,
 *   an endorsement or a directory change as this member, so it holds no money authority. It names
 *   one alias (a salted commitment the merchant supplied, unverified), the key that may attest the
 *   user's proof of that alias (`claimAuthority`, the cloud's key), and `claimBy`: unclaimed after
 *   that, the member is dead (the cloud deletes it).
 * - While in custody only the custodian's key changes the member, and only its aliases.
 * - `claim` binds the user's keys. It is signed by a PRIVILEGED key among the keys it adds and
 *   carries a ClaimAttestation signed by `claimAuthority`: "whoever holds key `keyId` proved control
 *   of alias `alias` of member `member` at head `prev`". So a verifier sees who authorised the
 *   takeover (the authority the merchant itself named in the signed first operation) and that the
 *   user's key, not the cloud's, signed it. After the claim, custody ends: the custodian's key is no
 *   longer valid for anything, and the member is an ordinary one.
 *
 * A verifier that wants more than the log offers can check that `custodian.key` is a key of
 * `custodian.memberId` (its own log), and should pin the claim authorities it trusts (the cloud's
 * published keys, GET /api/v1/cloud/keys) with `verifyDirectoryLog`'s `claimAuthorities`, as the
 * bank does: the log alone cannot tell the cloud's key from one the merchant made up.
 */

/** A public key named by its id, with no level: custodians and authorities are not member keys. */
export const publicKeyRefSchema = z.strictObject({
  id: keyIdSchema,
  algorithm: algorithmSchema,
  publicKey: b64urlSchema.max(100),
});
export type PublicKeyRef = z.infer<typeof publicKeyRefSchema>;

export const custodianSchema = z.strictObject({ memberId: memberIdSchema, key: publicKeyRefSchema });
export type Custodian = z.infer<typeof custodianSchema>;

/** The cloud's statement that the holder of `keyId` proved control of the alias (a one-time code). */
export const claimAttestationSchema = z.strictObject({
  type: z.literal('ClaimAttestation'),
  version: z.literal(1),
  member: memberIdSchema,
  /** The head the claim appends to: an attestation is good for one position of one log. */
  prev: hashIdSchema,
  alias: aliasEntrySchema,
  /** The claimer's PRIVILEGED key, which must sign the claim operation. */
  keyId: keyIdSchema,
  /** The claim authority's key id (as named in the member's first operation). */
  authority: keyIdSchema,
  issuedAt: timestampSchema,
  expiresAt: timestampSchema,
  signature: b64urlSchema.max(200),
});
export type ClaimAttestation = z.infer<typeof claimAttestationSchema>;
export type UnsignedClaimAttestation = Omit<ClaimAttestation, 'signature'>;

/** How long an attestation is good for once issued: the claimer signs the claim right away. */
export const maxClaimAttestationMs = 15 * 60_000;

/** A member's custody while it is unclaimed (MemberState.custody). */
export interface Custody {
  custodian: Custodian;
  claimAuthority: PublicKeyRef;
  claimBy: number;
}
