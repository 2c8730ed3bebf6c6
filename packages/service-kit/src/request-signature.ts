import {
  findBadText,
  inspectSignedRequest,
  type ParsedSignature,
  ProtocolError,
  type SignatureAlgorithm,
  type SignatureBackend,
} from '@tokenos/protocol';

// The steps of RFC 9421 verification that are the same whoever signed: finding the key is each
// service's own business (the cloud reads its directory, the bank pins the cloud's key and
// replays logs itself), and so is the order in which the key's other checks run.

/** What inspectSignedRequest found: the signature's parameters, the signature, and the base it signs. */
export type InspectedRequest = ParsedSignature & { base: Uint8Array };

/** A key a request may be verified under, decoded. */
export interface VerifyingKey {
  /** The key's id, named in errors. */
  id: string;
  algorithm: SignatureAlgorithm;
  publicKey: Uint8Array;
}

/** Reads the whole body, refusing one over `max` bytes whether it says so up front or not. */
export async function readBody(req: Request, max: number): Promise<Uint8Array> {
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

/**
 * The body as JSON (`undefined` when empty); `Malformed` unless it is UTF-8 JSON whose strings are
 * all text (protocol textIssue: no NUL, lone surrogate or bidirectional control), naming the field.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProtocolError('Malformed', 'body is not valid UTF-8', { field: 'body' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError('Malformed', 'body is not valid JSON', { field: 'body' });
  }
  // JSON may escape a NUL or a lone surrogate (`\u0000`, `\ud800`); no field of ours takes one,
  // and the database refuses the first: refused here, naming the field, for every route at once.
  const bad = findBadText(parsed);
  if (bad) throw new ProtocolError('Malformed', bad.message, { field: bad.field || 'body' });
  return parsed;
}

/**
 * The steps that need no key: reads the body (at most `maxBodyBytes`), checks it against
 * Content-Digest and `created` against the time window. The body is returned as bytes: parsing it
 * is the caller's next step, before or after the signature as the service needs.
 */
export async function inspectRequest(
  req: Request,
  o: { maxBodyBytes: number; now: number },
): Promise<{ inspected: InspectedRequest; bytes: Uint8Array }> {
  const bytes = await readBody(req, o.maxBodyBytes);
  const url = new URL(req.url);
  const inspected = inspectSignedRequest(
    { method: req.method, path: url.pathname, query: url.search, body: bytes, headers: req.headers },
    o.now,
  );
  return { inspected, bytes };
}

/** The signature names the key's own algorithm: a key is never used under another. */
export function assertKeyAlgorithm(
  key: Pick<VerifyingKey, 'id' | 'algorithm'>,
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
  backend: SignatureBackend,
  key: Pick<VerifyingKey, 'algorithm' | 'publicKey'>,
  inspected: InspectedRequest,
): Promise<void> {
  const ok = await backend.verify(key.algorithm, key.publicKey, inspected.base, inspected.signature, {
    lowS: true,
  });
  if (!ok)
    throw new ProtocolError(
      'InvalidSignature',
      `request signature does not verify under ${inspected.params.keyid}`,
      { field: 'signature' },
    );
}
