import type { Db } from '@tokenos/db';
import { aliasValueSchema, ProtocolError } from '@tokenos/protocol';
import { z } from 'zod';
import type { CloudDeps } from '../deps.ts';
import { findAlias, liveOwner } from './alias-store.ts';
import { aliasKeysFor, aliasLookupHash } from './pepper.ts';

/** Where a member publishes the proof that it controls a DOMAIN alias. */
export const wellKnownPath = '/.well-known/tokenos-member';

/** What the member serves at wellKnownPath. */
export const domainProofSchema = z.object({ memberId: z.string(), token: z.string() });
export type DomainProof = z.infer<typeof domainProofSchema>;

export interface DomainCheckOptions {
  /** Development allows plain http for localhost; production fetches https only and never localhost. */
  development: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  fetch?: typeof fetch;
}

export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('localhost:');
}

/** The URL the cloud fetches for `host` (a DOMAIN alias value, already schema-checked and normalised). */
export function wellKnownUrl(host: string, development: boolean): URL {
  if (isLocalHost(host) && !development)
    throw new ProtocolError('Forbidden', `${host} can only be verified in development`, {
      field: 'alias.value',
    });
  return new URL(`${isLocalHost(host) ? 'http' : 'https'}://${host}${wellKnownPath}`);
}

function failed(url: URL, why: string, cause?: unknown): ProtocolError {
  return new ProtocolError('Forbidden', `domain check: ${url.href} ${why}`, { field: 'alias.value', cause });
}

async function readLimited(res: Response, url: URL, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw failed(url, `declares ${declared} bytes; at most ${maxBytes} are read`);
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    // Stop reading at the limit rather than buffering whatever a hostile server streams.
    if (total > maxBytes) {
      await reader.cancel();
      throw failed(url, `sent more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * Fetches the proof a member published for a DOMAIN alias: GET, a short timeout over the whole
 * exchange, a size limit, and redirects followed only within the same origin (a redirect elsewhere
 * would let whoever controls that other host answer for this one). Throws Forbidden saying why.
 */
export async function fetchDomainProof(host: string, options: DomainCheckOptions): Promise<DomainProof> {
  const { timeoutMs = 5000, maxBytes = 4096, maxRedirects = 3 } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const origin = wellKnownUrl(host, options.development);
  const signal = AbortSignal.timeout(timeoutMs);
  let url = origin;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: { accept: 'application/json' },
      });
    } catch (e) {
      throw failed(url, signal.aborted ? `did not answer within ${timeoutMs} ms` : 'could not be fetched', e);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw failed(url, `answered ${res.status} without a Location`);
      const next = new URL(location, url);
      if (next.origin !== origin.origin)
        throw failed(url, `redirects to ${next.origin}; only ${origin.origin} may answer`);
      if (hop >= maxRedirects) throw failed(url, `redirected more than ${maxRedirects} times`);
      url = next;
      continue;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw failed(url, `answered ${res.status}; expected 200`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(res, url, maxBytes);
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      throw failed(url, signal.aborted ? `did not finish within ${timeoutMs} ms` : 'broke off', e);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (e) {
      throw failed(url, 'is not UTF-8 JSON', e);
    }
    const parsed = domainProofSchema.safeParse(json);
    if (!parsed.success) throw failed(url, 'is not {"memberId": string, "token": string}');
    return parsed.data;
  }
}

/**
 * Is `domain` a verified DOMAIN alias that still belongs to `memberId`? What the checks above
 * established when the alias was verified, read back. `db`: the caller's transaction, if any.
 */
export async function isVerifiedDomain(
  deps: CloudDeps,
  memberId: string,
  domain: string,
  db: Db = deps.db,
): Promise<boolean> {
  const alias = aliasValueSchema.safeParse({ type: 'DOMAIN', value: domain.toLowerCase() });
  if (!alias.success) return false;
  const row = await findAlias(db, aliasLookupHash(await aliasKeysFor(deps), alias.data));
  return row !== undefined && (await liveOwner(db, row)) === memberId;
}
