import type { Db } from '@tokenos/db';
import { base64url, sha256, utf8 } from '@tokenos/protocol';
import type { MiddlewareHandler } from 'hono';
import { type Problem, problemAsResponse, problemFor, problemResponse } from './problem.ts';
import { readBody } from './request-signature.ts';

// Idempotency-Key, draft-ietf-httpapi-idempotency-key-header: a POST carrying a key gets, for 24
// hours, the first answer given to that key again, so a client whose answer was lost may retry
// without doing the work twice. The state lives in the service's `idempotency_keys` table (each
// service's own migrations create it, primary key (scope, key)), so it holds across instances.
//
// Two halves: the `idempotency()` middleware checks the header, and after the handler stores its
// answer; `claimIdempotency()` claims the key once the caller is known. For a signed request that
// is right after the signature verifies and before its nonce is recorded (a byte-identical retry
// would be refused there as a replay): the signature's member is the scope, so nobody can claim or
// read another member's keys. For an unsigned POST the middleware claims at once, scoped by method
// and path only: anyone who sends the same key and the same body to that path gets the same answer.

/** How long a key's answer is kept and given again (the draft leaves it to the server; we say 24 h). */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

/**
 * A claim still 'running' after this long belongs to a request that died with its instance: the
 * next request with the key takes it over instead of getting 409 for the rest of the window.
 */
export const idempotencyLeaseMs = 5 * 60 * 1000;

export const idempotencyKeyHeader = 'Idempotency-Key';
export const idempotentReplayedHeader = 'Idempotent-Replayed';

// RFC 8941 §3.3.3 sf-string: printable ASCII in quotes, `"` and `\` escaped with `\`.
const sfString = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;
// Accepted too, as most clients send it: a bare token of visible ASCII.
const bareToken = /^[\x21-\x7e]+$/;
const maxKeyLength = 255;

/**
 * The key an `Idempotency-Key` header value names (the draft's sf-string, unquoted; or a bare
 * token of visible ASCII), 1 to 255 characters; `undefined` for anything else.
 */
export function parseIdempotencyKey(value: string): string | undefined {
  let key: string;
  if (value.startsWith('"')) {
    const quoted = sfString.exec(value);
    if (!quoted) return undefined;
    key = (quoted[1] ?? '').replace(/\\(["\\])/g, '$1');
  } else {
    if (!bareToken.test(value)) return undefined;
    key = value;
  }
  return key.length >= 1 && key.length <= maxKeyLength ? key : undefined;
}

/** base64url(SHA-256(method SP path-and-query LF body)): what "the same request" means for a key. */
export function requestFingerprint(method: string, pathAndQuery: string, body: Uint8Array): string {
  const head = utf8(`${method} ${pathAndQuery}\n`);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  return base64url(sha256(all));
}

export interface IdempotencyOptions {
  db: Db;
  /** Epoch milliseconds: the service's clock, so tests can move it past the window. */
  now: () => number;
  /** The service's body limit: an unsigned POST's body is read here to fingerprint it. */
  maxBodyBytes: number;
  /** Where a failure to store an answer goes (the answer itself still goes out); default console.error. */
  log?: (message: string, e: unknown) => void;
}

interface Pending {
  options: IdempotencyOptions;
  key: string;
  /** Set once this request won the key: settled with its answer after the handler. */
  claim?: { scope: string; fingerprint: string; claimedAt: Date };
}

// Keyed by the request object itself, which the signature checks are handed (Hono's `c.req.raw`).
const pendingByRequest = new WeakMap<Request, Pending>();

/**
 * An answer decided while claiming the key: the stored one again, or a refusal. Thrown so that a
 * claim deep in a verification step ends the request; the service's onError answers it as it is.
 */
export class IdempotentAnswer extends Error {
  readonly response: Response;
  constructor(response: Response) {
    super(`idempotent answer ${response.status}`);
    this.name = 'IdempotentAnswer';
    this.response = response;
  }
}

function problemAnswer(problem: Problem, headers: Record<string, string> = {}): IdempotentAnswer {
  return new IdempotentAnswer(problemAsResponse(problem, headers));
}

function keyProblem(code: 'IdempotencyKeyReused' | 'IdempotencyKeyInUse', detail: string): Problem {
  return problemFor(code, detail, { field: idempotencyKeyHeader });
}

interface StoredRow {
  fingerprint: string;
  state: 'running' | 'done';
  status: number | null;
  content_type: string | null;
  body: Uint8Array | null;
}

// Statuses whose response has no body (Fetch: a null body status).
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Claims the request's Idempotency-Key for `scope` (the caller): returns when this request may
 * run (it won the key, or it carries none) and throws IdempotentAnswer otherwise: the first
 * answer again for the same method, path and body, 422 `IdempotencyKeyReused` for another one,
 * 409 `IdempotencyKeyInUse` while the first is still running. `body` is the raw body bytes.
 */
export async function claimIdempotency(req: Request, scope: string, body: Uint8Array): Promise<void> {
  const pending = pendingByRequest.get(req);
  if (!pending || pending.claim) return;
  const { db, now } = pending.options;
  const url = new URL(req.url);
  const fingerprint = requestFingerprint(req.method, url.pathname + url.search, body);
  const at = now();
  const claimedAt = new Date(at);
  const found = await db.transaction(async (tx) => {
    // Inserted, or taken over when the old row expired or its request died; otherwise the
    // conflicting row stays locked to the end of this transaction, so the read below sees it as is.
    const won = await tx.query(
      `insert into idempotency_keys (scope, key, fingerprint, state, created_at, expires_at)
       values ($1, $2, $3, 'running', $4, $5)
       on conflict (scope, key) do update
         set fingerprint = excluded.fingerprint, state = 'running', status = null,
             content_type = null, body = null, created_at = excluded.created_at,
             expires_at = excluded.expires_at
         where idempotency_keys.expires_at <= $4
            or (idempotency_keys.state = 'running' and idempotency_keys.created_at <= $6)
       returning 1 as won`,
      [
        scope,
        pending.key,
        fingerprint,
        claimedAt,
        new Date(at + idempotencyWindowMs),
        new Date(at - idempotencyLeaseMs),
      ],
    );
    if (won.length > 0) return undefined;
    return tx.one<StoredRow>(
      'select fingerprint, state, status, content_type, body from idempotency_keys where scope = $1 and key = $2',
      [scope, pending.key],
    );
  });
  if (found === undefined) {
    pending.claim = { scope, fingerprint, claimedAt };
    return;
  }
  // Draft §2.6: another payload under the same key is a client error, whatever state the first is in.
  if (found.fingerprint !== fingerprint)
    throw problemAnswer(
      keyProblem(
        'IdempotencyKeyReused',
        `key ${pending.key} was first used for another request (method, path or body differ)`,
      ),
    );
  if (found.state === 'running')
    throw problemAnswer(
      keyProblem(
        'IdempotencyKeyInUse',
        `the first request with key ${pending.key} is still being processed; retry shortly`,
      ),
      { 'retry-after': '1' },
    );
  const status = found.status ?? 200;
  throw new IdempotentAnswer(
    new Response(nullBodyStatuses.has(status) ? null : (found.body as Uint8Array<ArrayBuffer> | null), {
      status,
      headers: {
        ...(found.content_type ? { 'content-type': found.content_type } : {}),
        'cache-control': 'no-store',
        [idempotentReplayedHeader]: 'true',
      },
    }),
  );
}

/** Stores the answer under the claim, or lets the claim go when a retry should run again. */
async function settle(pending: Pending, res: Response): Promise<void> {
  const claim = pending.claim;
  if (!claim) return;
  const { db } = pending.options;
  const mine = [claim.scope, pending.key, claim.fingerprint, claim.claimedAt];
  const ours = "scope = $1 and key = $2 and fingerprint = $3 and created_at = $4 and state = 'running'";
  // A 5xx or a 429 says nothing about the operation's outcome worth repeating: the retry runs.
  if (res.status >= 500 || res.status === 429) {
    await db.query(`delete from idempotency_keys where ${ours}`, mine);
    return;
  }
  const body = new Uint8Array(await res.clone().arrayBuffer());
  await db.query(
    `update idempotency_keys set state = 'done', status = $5, content_type = $6, body = $7 where ${ours}`,
    [...mine, res.status, res.headers.get('content-type'), body],
  );
}

/**
 * The Idempotency-Key middleware for POSTs: refuses a malformed key (400 naming the header),
 * claims it at once for an unsigned request, and stores the answer of a request that won its key.
 * A POST without the header passes as before.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler {
  const log = options.log ?? ((m, e) => console.error(m, e));
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const header = c.req.raw.headers.get(idempotencyKeyHeader);
    if (header === null) return next();
    const key = parseIdempotencyKey(header);
    if (key === undefined)
      return problemResponse(
        c,
        problemFor(
          'Malformed',
          `${idempotencyKeyHeader} must be 1 to ${maxKeyLength} visible ASCII characters, bare or as a quoted string`,
          { field: idempotencyKeyHeader },
        ),
      );
    const pending: Pending = { options, key };
    pendingByRequest.set(c.req.raw, pending);
    if (!c.req.raw.headers.has('signature-input')) {
      const body = await readBody(c.req.raw.clone(), options.maxBodyBytes);
      await claimIdempotency(c.req.raw, `${c.req.method} ${c.req.path}`, body);
    }
    await next();
    try {
      await settle(pending, c.res);
    } catch (e) {
      // The work is done and its answer goes out; the claim stays 'running' until its lease ends.
      log(`could not store the answer for ${idempotencyKeyHeader} ${key}`, e);
    }
  };
}

/** Deletes keys past their window (reads already ignore them). Returns how many went. */
export async function purgeIdempotencyKeys(db: Db, now: number): Promise<number> {
  const rows = await db.query('delete from idempotency_keys where expires_at <= $1 returning 1', [
    new Date(now),
  ]);
  return rows.length;
}
