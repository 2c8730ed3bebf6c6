import type { KeyEntry } from '../directory/entries.ts';
import { isKeyUsable } from '../directory/key-rule.ts';
import { fromBase64url } from '../encoding.ts';
import type { SignatureBackend } from '../signature.ts';
import { verifyObjectSignature } from '../signing.ts';
import type { EntitlementAttestation } from './claims.ts';

export const ATTESTATION_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Whether an entitlement attestation holds (issue 7: "a signature by the attesting member's
 * directory key over the entitlement and the member id"): signed by `key`, a STANDARD key or
 * better of the attester, current at `now`, and the signature verifies over the RFC 8785 bytes
 * of everything but the signature. The caller looks the key up in the attester's directory
 * state (`attestation.signer`); anyone holding the member id can run the same check.
 */
export async function verifyEntitlementAttestation(
  attestation: EntitlementAttestation,
  key: KeyEntry | undefined,
  now: number,
  backend: SignatureBackend,
): Promise<boolean> {
  if (key === undefined || key.id !== attestation.signer.keyId) return false;
  // A few minutes of clock difference between the attester and the verifier are tolerated.
  if (!isKeyUsable(key, 'STANDARD', now) || attestation.createdAt > now + ATTESTATION_CLOCK_SKEW_MS)
    return false;
  return verifyObjectSignature(attestation, key.algorithm, fromBase64url(key.publicKey), backend);
}
