import { problemFor, problemResponse } from '@tokenos/service-kit/problem';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface RelayOptions {
  /** Where the cloud listens, e.g. http://localhost:4000. A path prefix is kept. */
  cloudUrl: string;
  /** Give up on the cloud after this long (504). */
  timeoutMs?: number;
  /** Largest request body relayed (413 above it). */
  maxBodyBytes?: number;
  /**
   * Taken off the front of the incoming path before relaying, for an upstream mounted under a
   * prefix (`/banks/iron-bank/connector/...` reaches the bank as `/connector/...`, the path the
   * caller signed).
   */
  stripPrefix?: string;
  /**
   * How error answers name the upstream: `subject` in their detail, `codePrefix` in their code
   * (`CloudUnavailable`, `BankTimeout`); the payment service (`Cloud`) by default.
   */
  upstream?: { subject: string; codePrefix: 'Cloud' | 'Bank' };
}

const cloudUpstream = { subject: 'The payment service', codePrefix: 'Cloud' } as const;

// RFC 9110 §7.6.1: connection-specific fields are never forwarded, nor any field the Connection
// header names.
const hopByHop = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

// Not relayed either: `host` and `content-length` are the outgoing request's own; `cookie` and
// `set-cookie` because the API authenticates by signatures, and cookies on localhost are shared
// by every port, so they would carry other apps' cookies to the cloud; client-sent forwarding
// fields because they are unverifiable (this relay sets its own below).
const notRelayedRequest = ['host', 'content-length', 'cookie', 'forwarded', 'x-forwarded-for', 'x-real-ip'];
const notRelayedResponse = ['set-cookie', 'content-length'];

function withoutHopByHop(source: Headers, extra: readonly string[]): Headers {
  const headers = new Headers(source);
  const named = (source.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase());
  for (const name of [...hopByHop, ...extra, ...named]) if (name) headers.delete(name);
  return headers;
}

/**
 * Relays /api/* to the cloud with the path and query unchanged: they are covered by the request
 * signature (RFC 9421 `@path`, `@query`), as are the body and `Content-Digest` (RFC 9530), so all of
 * them, and `Signature`/`Signature-Input`, pass through byte for byte. The relay adds no credential.
 */
export function createRelay(options: RelayOptions): Hono {
  const cloud = new URL(options.cloudUrl);
  const cloudBase = `${cloud.origin}${cloud.pathname.replace(/\/+$/, '')}`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const relay = new Hono();

  relay.use(
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        problemResponse(
          c,
          problemFor(
            'PayloadTooLarge',
            `The request body is larger than ${options.maxBodyBytes ?? 1024 * 1024} bytes.`,
          ),
        ),
    }),
  );

  const prefix = options.stripPrefix?.replace(/\/+$/, '') ?? '';
  const named = options.upstream ?? cloudUpstream;

  relay.all('*', async (c) => {
    const incoming = new URL(c.req.url);
    const path =
      prefix && incoming.pathname.startsWith(`${prefix}/`)
        ? incoming.pathname.slice(prefix.length)
        : incoming.pathname;
    const target = `${cloudBase}${path}${incoming.search}`;
    const headers = withoutHopByHop(c.req.raw.headers, notRelayedRequest);
    headers.set('x-forwarded-host', incoming.host);
    headers.set('x-forwarded-proto', incoming.protocol.replace(/:$/, ''));
    // Node's fetch would decode a compressed answer but keep its Content-Encoding; ask for none.
    headers.set('accept-encoding', 'identity');
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';

    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method: c.req.method,
        headers,
        body: hasBody ? await c.req.arrayBuffer() : null,
        redirect: 'manual',
        signal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      console.error(`relay ${c.req.method} ${incoming.pathname} -> ${cloudBase}: ${describe(error)}`);
      return problemResponse(
        c,
        timedOut
          ? problemFor(
              `${named.codePrefix}Timeout`,
              `${named.subject} did not answer within ${timeoutMs} ms.`,
            )
          : problemFor(`${named.codePrefix}Unavailable`, `${named.subject} cannot be reached right now.`),
      );
    }

    const responseHeaders = withoutHopByHop(upstream.headers, notRelayedResponse);
    // fetch already decoded the body if the cloud compressed it anyway.
    responseHeaders.delete('content-encoding');
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: responseHeaders,
    });
  });

  return relay;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
