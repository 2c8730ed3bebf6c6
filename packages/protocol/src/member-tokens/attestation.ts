import { assertSignedByMemberKey } from '../directory/key-rule.ts';
import type { MemberState } from '../directory/state.ts';
import { isProtocolError } from '../errors.ts';
import type { SignatureBackend } from '../signature.ts';
import type { EntitlementAttestation } from './claims.ts';

export const ATTESTATION_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Whether an entitlement attestation holds (issue 7: "a signature by the attesting member's
 * directory key over the entitlement and the member id"): signed by `key`, a STANDARD key or
 * better of the attester, current at `now`, and the signature verifies over the RFC 8785 bytes
 * of everything but the signature (the key rule, key-rule.ts). The caller passes the attester's
 * directory state (`attestation.signer.memberId`; undefined when there is no such member); anyone
 * holding the member id can run the same check.
 */
export async function verifyEntitlementAttestation(
  attestation: EntitlementAttestation,
  attester: Pick<MemberState, 'memberId' | 'keys'> | undefined,
  now: number,
  backend: SignatureBackend,
): Promise<boolean> {
  // A few minutes of clock difference between the attester and the verifier are tolerated.
  if (attester === undefined || attestation.createdAt > now + ATTESTATION_CLOCK_SKEW_MS) return false;
  try {
    await assertSignedByMemberKey({
      member: attester,
      signer: attestation.signer,
      required: 'STANDARD',
      now,
      field: 'signer.keyId',
      signed: attestation,
      backend,
      signatureField: 'signature',
    });
    return true;
  } catch (e) {
    if (isProtocolError(e)) return false;
    throw e;
  }
}
