import {
  fromBase64url,
  inspectSignedRequest,
  type KeyLevel,
  keyUsableAt,
  type MemberState,
  type ParsedSignature,
  ProtocolError,
  type PublicKeyRef,
  parseKeyid,
} from '@tokenos/protocol';
import type { MiddlewareHandler } from 'hono';
import type { CloudDeps } from '../deps.ts';
import { loadMember } from '../directory/member-store.ts';
import type { CloudEnv } from '../http/env.ts';
import { limitersFor, tooManyRequests } from '../http/rate-limit.ts';
import { consumeNonce } from './nonce-store.ts';

export interface SignedOptions {
  /** The key level the operation needs (seed 000, "Key Management"). No silent downgrade. */
  level: KeyLevel;
  /**
   * For member creation: the member does not exist yet, so its keys come from the create
   * operation in the body (which the route verifies in full).
   */
  newMember?: (body: unknown) => MemberState | undefined;
}

async function readBody(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max)
    throw new ProtocolError('Malformed', `body of ${declared} bytes exceeds the limit of ${max}`, {
      field: 'body',
    });
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length > max)
    throw new ProtocolError('Malformed', `body of ${bytes.length} bytes exceeds the limit of ${max}`, {
      field: 'body',
    });
  return bytes;
}

export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProtocolError('Malformed', 'body is not valid UTF-8', { field: 'body' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError('Malformed', 'body is not valid JSON', { field: 'body' });
  }
}

/** What inspectSignedRequest found: the signature's parameters, the signature, and the base it signs. */
export type InspectedRequest = ParsedSignature & { base: Uint8Array };

/**
 * The steps of RFC 9421 that need no key: reads the body (bounded by maxBodyBytes), checks it
 * against Content-Digest and `created` against the time window, and parses the body as JSON.
 */
export async function inspectRequest(
  deps: CloudDeps,
  req: Request,
  now: number,
): Promise<{ inspected: InspectedRequest; body: unknown }> {
  const bytes = await readBody(req, deps.config.maxBodyBytes);
  const url = new URL(req.url);
  const inspected = inspectSignedRequest(
    { method: req.method, path: url.pathname, query: url.search, body: bytes, headers: req.headers },
    now,
  );
  return { inspected, body: parseJsonBody(bytes) };
}

/** The signature names the key's own algorithm: a key is never used under another. */
export function assertKeyAlgorithm(
  key: Pick<PublicKeyRef, 'id' | 'algorithm'>,
  inspected: InspectedRequest,
): void {
  if (key.algorithm !== inspected.params.algorithm)
    throw new ProtocolError(
      'InvalidSignature',
      `key ${key.id} is ${key.algorithm}, the signature says ${inspected.params.algorithm}`,
      { field: 'signature-input' },
    );
}

/** The request's signature verifies under `key` (low-S, as every signature here). */
export async function assertSignedBy(
  deps: CloudDeps,
  key: PublicKeyRef,
  inspected: InspectedRequest,
): Promise<void> {
  const ok = await deps.backend.verify(
    key.algorithm,
    fromBase64url(key.publicKey),
    inspected.base,
    inspected.signature,
    { lowS: true },
  );
  if (!ok)
    throw new ProtocolError(
      'InvalidSignature',
      `request signature does not verify under ${inspected.params.keyid}`,
      { field: 'signature' },
    );
}

/**
 * Verifies an RFC 9421 signed request: the body against Content-Digest, the time window, the
 * key against the member's directory state (present, unexpired, at least `level`), the
 * signature, and last the nonce (recorded only once the signature holds, so nobody can burn
 * another member's nonces). Sets `caller` and `body`.
 */
export function signed(deps: CloudDeps, options: SignedOptions): MiddlewareHandler<CloudEnv> {
  return async (c, next) => {
    const now = deps.now();
    const { inspected, body } = await inspectRequest(deps, c.req.raw, now);
    const { memberId, keyId } = parseKeyid(inspected.params.keyid);
    const member = (await loadMember(deps.db, memberId)) ?? options.newMember?.(body);
    if (!member || member.memberId !== memberId)
      throw new ProtocolError('UnknownKey', `no member ${memberId}`, { field: 'signature-input' });
    const key = member.keys.find((k) => k.id === keyId);
    if (!key)
      throw new ProtocolError('UnknownKey', `member ${memberId} has no key ${keyId}`, {
        field: 'signature-input',
      });
    assertKeyAlgorithm(key, inspected);
    if (key.expiresAt !== undefined && now >= key.expiresAt)
      throw new ProtocolError(
        'KeyExpired',
        `key ${keyId} expired at ${new Date(key.expiresAt).toISOString()}`,
        { field: 'signature-input' },
      );
    if (!keyUsableAt(key, options.level, now))
      throw new ProtocolError(
        'InsufficientKeyLevel',
        `this operation needs a ${options.level} key; ${keyId} is ${key.level}`,
        { field: 'signature-input' },
      );
    await assertSignedBy(deps, key, inspected);
    // Counted only now, once the signature proves who is asking.
    const wait = limitersFor(deps)?.member.take(memberId) ?? 0;
    if (wait > 0) return tooManyRequests(c, wait, 'member');
    await consumeNonce(deps.db, inspected.params.keyid, inspected.params.nonce);
    c.set('caller', { memberId, key, member });
    c.set('body', body);
    await next();
  };
}
