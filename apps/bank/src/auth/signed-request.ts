import {
  fromBase64url,
  inspectSignedRequest,
  type KeyLevel,
  keyUsableAt,
  ProtocolError,
  parseKeyid,
} from '@tokenos/protocol';
import type { MiddlewareHandler } from 'hono';
import type { BankDeps } from '../deps.ts';
import { verifiedMember } from '../directory.ts';
import type { BankEnv } from '../http/env.ts';
import { consumeNonce } from './nonce-store.ts';

/**
 * Who may sign a request to a route: the token cloud (connector API), a member of the directory
 * with a key of at least `level` (a wallet finishing an account link), or another bank this bank
 * settles with (inter-bank credits).
 */
export type SignedBy = { cloud: true } | { member: KeyLevel } | { peerBank: true };

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

function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ProtocolError('Malformed', 'body is not UTF-8 JSON', { field: 'body' });
  }
}

/**
 * Verifies an RFC 9421 signed request: Content-Digest against the body, the time window, the key
 * (the cloud's pinned key, or a key in the signer's own directory log, which this bank replays
 * itself), the signature, and last the nonce, recorded only once the signature holds.
 */
export function signed(deps: BankDeps, by: SignedBy): MiddlewareHandler<BankEnv> {
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
    const keyid = inspected.params.keyid;
    let verifyWith: { algorithm: string; publicKey: Uint8Array };

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
      verifyWith = key;
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
      const member = await verifiedMember(deps.cloud, memberId);
      const key = member.keys.find((k) => k.id === keyId);
      if (!key)
        throw new ProtocolError('UnknownKey', `member ${memberId} has no key ${keyId}`, {
          field: 'signature-input',
        });
      const level: KeyLevel = 'member' in by ? by.member : 'STANDARD';
      if (key.expiresAt !== undefined && now >= key.expiresAt)
        throw new ProtocolError('KeyExpired', `key ${keyId} expired at ${key.expiresAt}`, {
          field: 'signature-input',
        });
      if (!keyUsableAt(key, level, now))
        throw new ProtocolError(
          'InsufficientKeyLevel',
          `this call needs a ${level} key; ${keyId} is ${key.level}`,
          { field: 'signature-input' },
        );
      verifyWith = { algorithm: key.algorithm, publicKey: fromBase64url(key.publicKey) };
      c.set('caller', { kind: 'member', memberId, key, member });
    }
    if (verifyWith.algorithm !== inspected.params.algorithm)
      throw new ProtocolError(
        'InvalidSignature',
        `key is ${verifyWith.algorithm}, the signature says ${inspected.params.algorithm}`,
        { field: 'signature-input' },
      );
    const ok = await deps.backend.verify(
      inspected.params.algorithm,
      verifyWith.publicKey,
      inspected.base,
      inspected.signature,
      { lowS: true },
    );
    if (!ok)
      throw new ProtocolError('InvalidSignature', `request signature does not verify under ${keyid}`, {
        field: 'signature',
      });
    await consumeNonce(deps.db, keyid, inspected.params.nonce);
    c.set('body', parseJsonBody(bytes));
    await next();
  };
}
