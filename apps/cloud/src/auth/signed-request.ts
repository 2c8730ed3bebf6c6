import {
  fromBase64url,
  inspectSignedRequest,
  type KeyLevel,
  keyUsableAt,
  type MemberState,
  ProtocolError,
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

/**
 * Verifies an RFC 9421 signed request: the body against Content-Digest, the time window, the
 * key against the member's directory state (present, unexpired, at least `level`), the
 * signature, and last the nonce (recorded only once the signature holds, so nobody can burn
 * another member's nonces). Sets `caller` and `body`.
 */
export function signed(deps: CloudDeps, options: SignedOptions): MiddlewareHandler<CloudEnv> {
  return async (c, next) => {
    const now = deps.now();
    const bytes = await readBody(c.req.raw, deps.config.maxBodyBytes);
    const url = new URL(c.req.url);
    const inspected = inspectSignedRequest(
      {
        method: c.req.method,
        path: url.pathname,
        query: url.search,
        body: bytes,
        headers: c.req.raw.headers,
      },
      now,
    );
    const body = parseJsonBody(bytes);
    const { memberId, keyId } = parseKeyid(inspected.params.keyid);
    const member = (await loadMember(deps.db, memberId)) ?? options.newMember?.(body);
    if (!member || member.memberId !== memberId)
      throw new ProtocolError('UnknownKey', `no member ${memberId}`, { field: 'signature-input' });
    const key = member.keys.find((k) => k.id === keyId);
    if (!key)
      throw new ProtocolError('UnknownKey', `member ${memberId} has no key ${keyId}`, {
        field: 'signature-input',
      });
    if (key.algorithm !== inspected.params.algorithm)
      throw new ProtocolError(
        'InvalidSignature',
        `key ${keyId} is ${key.algorithm}, the signature says ${inspected.params.algorithm}`,
        { field: 'signature-input' },
      );
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
    // Counted only now, once the signature proves who is asking.
    const wait = limitersFor(deps)?.member.take(memberId) ?? 0;
    if (wait > 0) return tooManyRequests(c, wait, 'member');
    await consumeNonce(deps.db, inspected.params.keyid, inspected.params.nonce);
    c.set('caller', { memberId, key, member });
    c.set('body', body);
    await next();
  };
}
