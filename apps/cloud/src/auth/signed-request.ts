import {
  assertMemberKey,
  fromBase64url,
  type KeyLevel,
  type MemberState,
  ProtocolError,
  parseKeyid,
} from '@tokenos/protocol';
import {
  assertKeyAlgorithm,
  assertSignedBy,
  claimIdempotency,
  consumeNonce,
  inspectRequest,
  parseJsonBody,
} from '@tokenos/service-kit';
import type { MiddlewareHandler } from 'hono';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { limitersFor, tooManyRequests } from '../http/rate-limit.ts';
import { loadMember } from '../members/member-store.ts';
import { noteKeyUse } from './key-use.ts';

export interface SignedOptions {
  /** The key level the operation needs (seed 000, "Key Management"). No silent downgrade. */
  level: KeyLevel;
  /**
   * For member creation: the member does not exist yet, so its keys come from the create
   * operation in the body (which the route verifies in full).
   */
  newMember?: (body: unknown) => MemberState | undefined;
}

/**
 * Verifies an RFC 9421 signed request: the body against Content-Digest, the time window, the
 * key against the member's directory state (present, unexpired, at least `level`), the
 * signature, the Idempotency-Key if the request has one (service-kit idempotency.ts), and last the
 * nonce (recorded only once the signature holds, so nobody can burn another member's nonces).
 * Sets `caller` and `body`.
 */
export function signed(deps: CloudDeps, options: SignedOptions): MiddlewareHandler<CloudEnv> {
  const middleware: MiddlewareHandler<CloudEnv> = async (c, next) => {
    const now = deps.now();
    const { inspected, bytes } = await inspectRequest(c.req.raw, {
      maxBodyBytes: deps.config.maxBodyBytes,
      now,
    });
    const body = parseJsonBody(bytes);
    const { memberId, keyId } = parseKeyid(inspected.params.keyid);
    const member = (await loadMember(deps.db, memberId)) ?? options.newMember?.(body);
    if (!member || member.memberId !== memberId)
      throw new ProtocolError('UnknownKey', `no member ${memberId}`, { field: 'signature-input' });
    const key = assertMemberKey({
      member,
      signer: { memberId, keyId },
      required: options.level,
      now,
      field: 'signature-input',
    });
    assertKeyAlgorithm(key, inspected);
    await assertSignedBy(
      deps.backend,
      { algorithm: key.algorithm, publicKey: fromBase64url(key.publicKey) },
      inspected,
    );
    // Counted only now, once the signature proves who is asking.
    const wait = limitersFor(deps)?.member.take(memberId) ?? 0;
    if (wait > 0) return tooManyRequests(c, wait, 'member');
    // Before the nonce: a retry of this very request (same nonce) gets the first answer back
    // instead of a Replay refusal. Scoped by the member the signature proved.
    await claimIdempotency(c.req.raw, memberId, bytes);
    await consumeNonce(deps.db, inspected.params.keyid, inspected.params.nonce);
    c.set('caller', { memberId, key, member });
    c.set('body', body);
    await next();
    // "Last used" for "Your devices", only once the request did something: a refused one changes
    // nothing. A new member's first request has no member row yet to show it under.
    if (!options.newMember && c.res.status < 400) await noteKeyUse(deps, memberId, key.id, now);
  };
  levels.set(middleware, options.level);
  return middleware;
}

const levels = new WeakMap<object, KeyLevel>();

/** The key level a registered handler demands when it is this middleware: the API description reads it from the routes. */
export function signedLevelOf(handler: object): KeyLevel | undefined {
  return levels.get(handler);
}
