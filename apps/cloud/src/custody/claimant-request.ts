import { fromBase64url, ProtocolError, type PublicKeyRef } from '@tokenos/protocol';
import {
  assertKeyAlgorithm,
  assertSignedBy,
  claimIdempotency,
  consumeNonce,
  inspectRequest,
  parseJsonBody,
} from '@tokenos/service-kit';
import type { CloudDeps } from '../deps.ts';

/** The keyid a claimer signs under: it has no member yet, only the key the claim will bind. */
export function claimantKeyid(keyId: string): string {
  return `claimant:${keyId}`;
}

/**
 * RFC 9421 for a claimer: the same checks as auth/signed-request.ts (Content-Digest, time window,
 * signature, nonce once per key) against the key the claim binds, under keyid `claimant:<keyId>`.
 * `keyFor` names that key from the body (a new claim) or the stored claim (its later steps). Every
 * step of a claim is thus signed by the key the member will be bound to: an attestation handed out
 * for it is useless to anyone else.
 */
export async function verifyClaimantRequest(
  deps: CloudDeps,
  req: Request,
  keyFor: (body: unknown) => Promise<PublicKeyRef>,
): Promise<unknown> {
  const { inspected, bytes } = await inspectRequest(req, {
    maxBodyBytes: deps.config.maxBodyBytes,
    now: deps.now(),
  });
  const body = parseJsonBody(bytes);
  const key = await keyFor(body);
  const keyid = claimantKeyid(key.id);
  if (inspected.params.keyid !== keyid)
    throw new ProtocolError('UnknownKey', `expected keyid ${keyid}, got ${inspected.params.keyid}`, {
      field: 'signature-input',
    });
  assertKeyAlgorithm(key, inspected);
  await assertSignedBy(
    deps.backend,
    { algorithm: key.algorithm, publicKey: fromBase64url(key.publicKey) },
    inspected,
  );
  // As in signed(): the Idempotency-Key, scoped by the claimer's key, before the nonce.
  await claimIdempotency(req, keyid, bytes);
  await consumeNonce(deps.db, keyid, inspected.params.nonce);
  return body;
}
