// Hand-written checks of what the wallet sends back (the contract is
// packages/protocol/src/checkout/wallet-message.ts). The widget stays free of runtime dependencies,
// so these mirror the protocol's zod schemas by hand: exact keys, exact types, nothing extra.
// Everything here is pure, so the filtering is unit-tested without a DOM.

/** The cloud's signed answer to a token request; the merchant's backend verifies it before trusting it. */
export interface TokenRequestResult {
  type: 'TokenRequestResult';
  version: 1;
  requestId: string;
  outcome: 'approved' | 'declined';
  tokenId: string | null;
  /** For a member-token request: the member token (32 lowercase hex digits). */
  memberTokenId?: string;
  /** For a payment that asked for a shipping address: the address grant, or null when not shared. */
  accessTokenId?: string | null;
  state: string;
  createdAt: number;
  keyId: string;
  signature: string;
}

/** What the wallet's approval page posts to the merchant page (popup) or puts in the fragment (redirect). */
export interface WalletMessage {
  type: 'tokenos:result';
  version: 1;
  requestId: string;
  nonce: string;
  result: TokenRequestResult;
}

/** What one open checkout waits for: the wallet's exact origin, its request, its nonce. */
export interface Expectation {
  walletOrigin: string;
  requestId: string;
  nonce: string;
}

/** The fragment key of the redirect path: `#tokenos-result=<base64url(JSON)>`. */
export const resultFragmentKey = 'tokenos-result';

const hashId = /^[A-Za-z0-9_-]{43}$/;
const keyId = /^[A-Za-z0-9_-]{22}$/;
const nonceShape = /^[A-Za-z0-9_-]{16,64}$/;
const b64url = /^[A-Za-z0-9_-]{1,200}$/;
const memberTokenId = /^[0-9a-f]{32}$/;

type Plain = Record<string, unknown>;

/** A plain object with exactly these keys, as the protocol's strict schemas demand. */
function withKeys(value: unknown, keys: readonly string[]): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && hashId.test(value);
}

export function isNonce(value: unknown): value is string {
  return typeof value === 'string' && nonceShape.test(value);
}

const resultKeys = [
  'type',
  'version',
  'requestId',
  'outcome',
  'tokenId',
  'state',
  'createdAt',
  'keyId',
  'signature',
] as const;

/**
 * A TokenRequestResult for `requestId`, or undefined. An approval names a token, a decline names
 * none; anything else (a missing or extra key, a wrong type, another request) is refused.
 */
export function parseTokenRequestResult(value: unknown, requestId: string): TokenRequestResult | undefined {
  const memberToken = typeof value === 'object' && value !== null && Object.hasOwn(value, 'memberTokenId');
  const shipping = typeof value === 'object' && value !== null && Object.hasOwn(value, 'accessTokenId');
  const keys: string[] = [...resultKeys];
  if (memberToken) keys.push('memberTokenId');
  if (shipping) keys.push('accessTokenId');
  if (!withKeys(value, keys)) return undefined;
  const r = value;
  if (shipping && !(r.outcome === 'approved' && (r.accessTokenId === null || isRequestId(r.accessTokenId))))
    return undefined;
  if (
    memberToken &&
    !(r.outcome === 'approved' && typeof r.memberTokenId === 'string' && memberTokenId.test(r.memberTokenId))
  )
    return undefined;
  const approved = r.outcome === 'approved';
  const ok =
    r.type === 'TokenRequestResult' &&
    r.version === 1 &&
    r.requestId === requestId &&
    isRequestId(r.requestId) &&
    (approved ? isRequestId(r.tokenId) : r.outcome === 'declined' && r.tokenId === null) &&
    typeof r.state === 'string' &&
    r.state.length === 43 &&
    b64url.test(r.state) &&
    Number.isSafeInteger(r.createdAt) &&
    (r.createdAt as number) >= 0 &&
    typeof r.keyId === 'string' &&
    keyId.test(r.keyId) &&
    typeof r.signature === 'string' &&
    b64url.test(r.signature);
  return ok ? (r as unknown as TokenRequestResult) : undefined;
}

/** The wallet's message for this request and this nonce, or undefined. */
export function parseWalletMessage(
  data: unknown,
  expected: Pick<Expectation, 'requestId' | 'nonce'>,
): WalletMessage | undefined {
  if (!withKeys(data, ['type', 'version', 'requestId', 'nonce', 'result'])) return undefined;
  if (data.type !== 'tokenos:result' || data.version !== 1) return undefined;
  if (data.requestId !== expected.requestId || !isRequestId(data.requestId)) return undefined;
  // The nonce lives only in this page (and the URL it gave the wallet): a page that did not see
  // the approval URL cannot forge a message this checkout accepts.
  if (!isNonce(data.nonce) || data.nonce !== expected.nonce) return undefined;
  const result = parseTokenRequestResult(data.result, expected.requestId);
  return result
    ? { type: 'tokenos:result', version: 1, requestId: data.requestId, nonce: data.nonce, result }
    : undefined;
}

/** The parts of a MessageEvent the filter looks at. */
export interface MessageLike {
  origin: string;
  data: unknown;
  source?: unknown;
}

/**
 * The message filter: only the wallet's exact origin, only from the window this checkout opened
 * (when it still holds it), only for its request and nonce. Everything else is ignored.
 */
export function acceptWalletMessage(
  event: MessageLike,
  expected: Expectation & { source?: unknown },
): WalletMessage | undefined {
  if (event.origin !== expected.walletOrigin) return undefined;
  if (expected.source !== undefined && event.source !== expected.source) return undefined;
  return parseWalletMessage(event.data, expected);
}

/**
 * The wallet popup's notice that it leaves the wallet's origin for a while (a bank's consent
 * page) and comes back: same filter as a result (exact origin, that window, this request and
 * nonce). It carries no outcome; it only tells the checkout that a popup reading as closed
 * afterwards may be cut off rather than closed (protocol: walletDetourSchema).
 */
export function acceptDetourMessage(
  event: MessageLike,
  expected: Expectation & { source?: unknown },
): boolean {
  const d = event.data;
  return (
    event.origin === expected.walletOrigin &&
    (expected.source === undefined || event.source === expected.source) &&
    withKeys(d, ['type', 'version', 'requestId', 'nonce']) &&
    d.type === 'tokenos:detour' &&
    d.version === 1 &&
    d.requestId === expected.requestId &&
    d.nonce === expected.nonce
  );
}

/** base64url (no padding) to bytes; undefined when it is not base64url. */
function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The decoded JSON in `#tokenos-result=...`, or undefined when the fragment has none or it does not
 * decode. Not validated: pass it to parseWalletMessage with the pending request's nonce.
 */
export function readResultFragment(hash: string): unknown {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get(resultFragmentKey);
  if (raw === null || raw.length > 8_000) return undefined;
  const bytes = fromBase64url(raw);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** The fragment without `tokenos-result` (other keys kept), with its `#`, or '' when nothing is left. */
export function withoutResultFragment(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has(resultFragmentKey)) return hash;
  params.delete(resultFragmentKey);
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/** Is `value` an exact http(s) origin such as https://wallet.example (no path, no trailing slash)? */
export function isExactOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === value;
  } catch {
    return false;
  }
}
