import { assertMemberKey, fromBase64url, type KeyLevel, ProtocolError, parseKeyid } from '@tokenos/protocol';
import {
  assertKeyAlgorithm,
  assertSignedBy,
  consumeNonce,
  inspectRequest,
  parseJsonBody,
  type VerifyingKey,
} from '@tokenos/service-kit';
import type { MiddlewareHandler } from 'hono';
import type { BankDeps } from '../deps.ts';
import type { BankEnv } from '../http/env.ts';

/**
 * Who may sign a request to a route: the token cloud (connector API), a member of the directory
 * with a key of at least `level` (a wallet finishing an account link), or another bank this bank
 * settles with (inter-bank credits).
 */
export type SignedBy = { cloud: true } | { member: KeyLevel } | { peerBank: true };

/**
 * Verifies an RFC 9421 signed request: Content-Digest against the body, the time window, the key
 * (the cloud's pinned key, or a key in the signer's own directory log, which this bank replays
 * itself), the signature, and last the nonce, recorded only once the signature holds.
 */
export function signed(deps: BankDeps, by: SignedBy): MiddlewareHandler<BankEnv> {
  return async (c, next) => {
    const now = deps.now();
    const { inspected, bytes } = await inspectRequest(c.req.raw, {
      maxBodyBytes: deps.config.maxBodyBytes,
      now,
    });
    const keyid = inspected.params.keyid;
    let verifyWith: VerifyingKey;

    if ('cloud' in by) {
      if (!keyid.startsWith('cloud:'))
        throw new ProtocolError(
          'Forbidden',
          `only the token cloud calls this API; the request is signed by ${keyid}`,
          { field: 'signature-input' },
        );
      const key = deps.cloudKeys.find((k) => k.keyId === keyid.slice('cloud:'.length));
      if (!key)
        throw new ProtocolError('UnknownKey', `${keyid} is not the cloud key this bank pinned`, {
          field: 'signature-input',
        });
      verifyWith = { id: key.keyId, algorithm: key.algorithm, publicKey: key.publicKey };
      c.set('caller', { kind: 'cloud', keyId: key.keyId });
    } else {
      const { memberId, keyId } = parseKeyid(keyid);
      if (memberId === 'cloud')
        throw new ProtocolError('Forbidden', 'this API is called by members, not by the cloud', {
          field: 'signature-input',
        });
      if ('peerBank' in by && !(await deps.peers.find(memberId)))
        throw new ProtocolError('Forbidden', `member ${memberId} is not a bank this bank settles with`, {
          field: 'signature-input',
        });
      const member = await deps.cloud.verifiedMember(memberId);
      const level: KeyLevel = 'member' in by ? by.member : 'STANDARD';
      const key = assertMemberKey({
        member,
        signer: { memberId, keyId },
        required: level,
        now,
        field: 'signature-input',
      });
      verifyWith = { id: key.id, algorithm: key.algorithm, publicKey: fromBase64url(key.publicKey) };
      c.set('caller', { kind: 'member', memberId, key, member });
    }
    assertKeyAlgorithm(verifyWith, inspected);
    await assertSignedBy(deps.backend, verifyWith, inspected);
    await consumeNonce(deps.db, keyid, inspected.params.nonce);
    // Parsed only now: a body that is not JSON is Malformed only for a request that verified.
    c.set('body', parseJsonBody(bytes));
    await next();
  };
}
