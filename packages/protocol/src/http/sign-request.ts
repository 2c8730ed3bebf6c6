import { ProtocolError } from '../errors.ts';
import type { MessageSigner } from '../signing.ts';
import {
  contentDigest,
  type ParsedSignature,
  parseSignatureHeaders,
  signatureBase,
  signatureHeaders,
} from './message-signature.ts';

export interface OutgoingRequest {
  method: string;
  path: string;
  query: string;
  body: Uint8Array;
}

/** Signs a request (RFC 9421) and returns the headers to send with it. */
export async function signRequest(
  req: OutgoingRequest,
  signer: MessageSigner & { keyid: string },
  opts: { now: number; nonce: string },
): Promise<Record<string, string>> {
  const digest = contentDigest(req.body);
  const params = {
    created: Math.floor(opts.now / 1000),
    nonce: opts.nonce,
    keyid: signer.keyid,
    algorithm: signer.algorithm,
  };
  const base = signatureBase(
    { method: req.method, path: req.path, query: req.query, contentDigest: digest },
    params,
  );
  return signatureHeaders(params, digest, await signer.sign(base));
}

export interface IncomingRequest extends OutgoingRequest {
  headers: { get(name: string): string | null };
}

/** Bounds on `created` (RFC 9421 §7.2.4: replay). Past is generous for slow mobile links; future covers clock skew. */
export const maxSignatureAgeSeconds = 120;
export const maxSignatureFutureSeconds = 30;

/**
 * Checks everything about an incoming signed request that needs no database: the headers parse,
 * the body matches Content-Digest, `created` is fresh. Returns what the caller must then check
 * against the directory (the key) and the nonce store (replay), plus the signature base to verify.
 */
export function inspectSignedRequest(
  req: IncomingRequest,
  now: number,
): ParsedSignature & { base: Uint8Array } {
  const parsed = parseSignatureHeaders(req.headers.get('signature-input'), req.headers.get('signature'));
  const digestHeader = req.headers.get('content-digest');
  const digest = contentDigest(req.body);
  if (digestHeader !== digest)
    throw new ProtocolError(
      'InvalidSignature',
      `Content-Digest does not match the body (RFC 9530): expected ${digest}, got ${digestHeader ?? 'none'}`,
      {
        field: 'content-digest',
      },
    );
  const nowSeconds = Math.floor(now / 1000);
  const age = nowSeconds - parsed.params.created;
  if (age > maxSignatureAgeSeconds || -age > maxSignatureFutureSeconds)
    throw new ProtocolError(
      'StaleRequest',
      `signature created ${age}s ago; accepted window is -${maxSignatureFutureSeconds}s..${maxSignatureAgeSeconds}s`,
      {
        field: 'signature-input',
      },
    );
  const base = signatureBase(
    { method: req.method, path: req.path, query: req.query, contentDigest: digest },
    parsed.params,
  );
  return { ...parsed, base };
}
