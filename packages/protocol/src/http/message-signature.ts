import { base64, fromBase64, utf8 } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { sha256 } from '../hash.ts';
import type { SignatureAlgorithm } from '../signature.ts';

/**
 * HTTP Message Signatures (RFC 9421) over the method, the target path and query, and the
 * Content-Digest (RFC 9530), with `created`, `nonce` and `keyid` parameters. One signature label,
 * `sig1`. Pure: the caller does the crypto and supplies the clock.
 */

export const coveredComponents = ['@method', '@path', '@query', 'content-digest'] as const;

/** RFC 9421 §6.2 algorithm names. */
export function httpSigAlg(algorithm: SignatureAlgorithm): 'ed25519' | 'ecdsa-p256-sha256' {
  return algorithm === 'Ed25519' ? 'ed25519' : 'ecdsa-p256-sha256';
}
function algFromHttp(alg: string): SignatureAlgorithm | undefined {
  return alg === 'ed25519' ? 'Ed25519' : alg === 'ecdsa-p256-sha256' ? 'P-256' : undefined;
}

/** RFC 9530 §2: `sha-256=:<base64>:` over the exact body bytes (empty body included). */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${base64(sha256(body))}:`;
}

export interface SignatureParams {
  /** Seconds since the epoch (RFC 9421 §2.3 `created`). */
  created: number;
  nonce: string;
  /** `<memberId>:<keyId>`, or `cloud:<keyId>` for the cloud's own keys. */
  keyid: string;
  algorithm: SignatureAlgorithm;
}

export interface SignedRequestParts {
  method: string;
  /** RFC 9421 §2.2.6: the absolute path, e.g. `/api/v1/tokens`. */
  path: string;
  /** RFC 9421 §2.2.7: the query with its leading `?`, or `?` alone when there is none. */
  query: string;
  contentDigest: string;
}

function paramsString(p: SignatureParams): string {
  const list = coveredComponents.map((c) => `"${c}"`).join(' ');
  return `(${list});created=${p.created};nonce="${p.nonce}";keyid="${p.keyid}";alg="${httpSigAlg(p.algorithm)}"`;
}

/** RFC 9421 §2.5: one line per covered component, then `@signature-params`; no trailing newline. */
export function signatureBase(req: SignedRequestParts, params: SignatureParams): Uint8Array {
  const lines = [
    `"@method": ${req.method.toUpperCase()}`,
    `"@path": ${req.path}`,
    `"@query": ${req.query === '' ? '?' : req.query}`,
    `"content-digest": ${req.contentDigest}`,
    `"@signature-params": ${paramsString(params)}`,
  ];
  return utf8(lines.join('\n'));
}

/** The three headers a signed request carries. */
export function signatureHeaders(
  params: SignatureParams,
  contentDigestValue: string,
  signature: Uint8Array,
): Record<string, string> {
  return {
    'content-digest': contentDigestValue,
    'signature-input': `sig1=${paramsString(params)}`,
    signature: `sig1=:${base64(signature)}:`,
  };
}

const inputPattern =
  /^sig1=\("@method" "@path" "@query" "content-digest"\);created=([0-9]{1,12});nonce="([A-Za-z0-9_-]{16,64})";keyid="([A-Za-z0-9_:-]{1,120})";alg="(ed25519|ecdsa-p256-sha256)"$/;

export interface ParsedSignature {
  params: SignatureParams;
  signature: Uint8Array;
}

/**
 * Parses `Signature-Input` and `Signature` as we emit them. Anything else (other components, other
 * labels, several signatures) is refused rather than half-understood: covering fewer components
 * than we require would be a silent downgrade.
 */
export function parseSignatureHeaders(
  signatureInput: string | null | undefined,
  signatureHeader: string | null | undefined,
): ParsedSignature {
  if (!signatureInput || !signatureHeader)
    throw new ProtocolError('InvalidSignature', 'missing Signature-Input or Signature header (RFC 9421)', {
      field: 'signature-input',
    });
  const m = inputPattern.exec(signatureInput.trim());
  if (!m)
    throw new ProtocolError(
      'InvalidSignature',
      `Signature-Input must cover ("@method" "@path" "@query" "content-digest") with created, nonce, keyid, alg; got ${signatureInput.slice(0, 200)}`,
      { field: 'signature-input' },
    );
  const s = /^sig1=:([A-Za-z0-9+/]+={0,2}):$/.exec(signatureHeader.trim());
  if (!s)
    throw new ProtocolError('InvalidSignature', 'Signature must be sig1=:<base64>:', { field: 'signature' });
  const algorithm = algFromHttp(m[4]!)!;
  return {
    params: { created: Number(m[1]), nonce: m[2]!, keyid: m[3]!, algorithm },
    signature: fromBase64(s[1]!, 'signature'),
  };
}

/** Splits `keyid` into member and key. */
export function parseKeyid(keyid: string): { memberId: string; keyId: string } {
  const i = keyid.lastIndexOf(':');
  if (i <= 0)
    throw new ProtocolError('InvalidSignature', `keyid must be <memberId>:<keyId>, got ${keyid}`, {
      field: 'signature-input',
    });
  return { memberId: keyid.slice(0, i), keyId: keyid.slice(i + 1) };
}
