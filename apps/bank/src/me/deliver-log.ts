import {
  assertMemberKey,
  type DirectoryOperation,
  deliveredLogSchema,
  fromBase64url,
  type LogReceipt,
  ProtocolError,
  parseKeyid,
  parseWith,
} from '@tokenos/protocol';
import {
  assertKeyAlgorithm,
  assertSignedBy,
  consumeNonce,
  inspectRequest,
  parseJsonBody,
} from '@tokenos/service-kit';
import type { BankDeps } from '../deps.ts';
import { rememberHead } from '../member-heads.ts';

/**
 * POST /me/log: a member's wallet delivers its directory log after a key or alias change, so this
 * bank learns of a removal even from a cloud that would hide it. Nothing the cloud says is used:
 * the log is replayed from its first operation, the request (RFC 9421) must be signed by a key
 * of the member in that very log, and the log must extend the head the bank held (a head only
 * moves forward). Answers the head the bank now holds and when it confirmed it.
 */
export async function acceptDeliveredLog(deps: BankDeps, req: Request): Promise<LogReceipt> {
  const now = deps.now();
  const { inspected, bytes } = await inspectRequest(req, { maxBodyBytes: deps.config.maxBodyBytes, now });
  const { memberId, keyId } = parseKeyid(inspected.params.keyid);
  if (memberId === 'cloud')
    throw new ProtocolError(
      'Forbidden',
      'a member delivers its own log; this request is signed by the cloud',
      {
        field: 'signature-input',
      },
    );
  // Parsed before the signature is checked because the key that must have signed is in the log.
  const { operations } = parseWith(deliveredLogSchema, parseJsonBody(bytes), 'delivered log');
  const state = await deps.cloud.verifyLog(memberId, operations);
  const key = assertMemberKey({
    member: state,
    signer: { memberId, keyId },
    required: 'LOW',
    now,
    field: 'signature-input',
  });
  const verifyWith = { id: key.id, algorithm: key.algorithm, publicKey: fromBase64url(key.publicKey) };
  assertKeyAlgorithm(verifyWith, inspected);
  await assertSignedBy(deps.backend, verifyWith, inspected);
  await consumeNonce(deps.db, inspected.params.keyid, inspected.params.nonce);
  // verifyLog parsed every operation with the schema: the input is that log.
  const head = await rememberHead(deps.db, memberId, operations as DirectoryOperation[], 'member');
  return { memberId, head, confirmedAt: now };
}
