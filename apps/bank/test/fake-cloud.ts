import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import {
  appendOperation,
  base64url,
  type DirectoryOperation,
  fromBase64url,
  inspectSignedRequest,
  keyIdOf,
  keyPairFromSecret,
  type MemberState,
  type MessageSigner,
  parseKeyid,
  secretKeySigner,
} from '@tokenos/protocol';
import { CloudClient } from '@tokenos/sdk';
import { Hono } from 'hono';

/** Several Hono apps reachable by origin through one `fetch`, so tests need no ports. */
export class Network {
  readonly #apps = new Map<string, { fetch: (req: Request) => Response | Promise<Response> }>();
  readonly #down = new Set<string>();
  /** Every request that went through, by origin and path. */
  readonly log: { origin: string; method: string; path: string }[] = [];

  register(origin: string, app: { fetch: (req: Request) => Response | Promise<Response> }): void {
    this.#apps.set(origin, app);
  }

  /** Makes `origin` unreachable (a network error, as a crashed service gives) until `up`. */
  down(origin: string): void {
    this.#down.add(origin);
  }

  up(origin: string): void {
    this.#down.delete(origin);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const req = new Request(input instanceof Request ? input : String(input), init);
    const url = new URL(req.url);
    const app = this.#apps.get(url.origin);
    this.log.push({ origin: url.origin, method: req.method, path: url.pathname });
    if (!app || this.#down.has(url.origin)) throw new TypeError(`fetch failed: ${url.origin} is unreachable`);
    return app.fetch(req);
  };
}

/**
 * A token cloud that can lie. It keeps real directory logs (members register through the SDK as
 * they would with the real cloud) but serves whatever a test makes it serve: a tampered log, a
 * truncated one, a token status that is not true. It signs connector calls with its own key, as
 * the real cloud does, so the bank under test accepts the caller and must then catch the lies
 * from the substance alone.
 */
export class FakeCloud {
  readonly origin: string;
  readonly app = new Hono();
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  readonly signer: MessageSigner & { keyid: string };
  readonly logs = new Map<string, DirectoryOperation[]>();
  /** Rewrites a member's log on its way out; `undefined` serves the truth. */
  tamper: ((memberId: string, log: DirectoryOperation[]) => unknown[]) | undefined;
  /** What GET /api/v1/access/:tokenId/status answers, per token (default 'valid'). */
  readonly tokenStatus = new Map<string, string>();
  /** Signed status queries received: which member asked about which token. */
  readonly statusQueries: { tokenId: string; memberId: string }[] = [];
  /** Revocations banks sent (POST /api/v1/access/:tokenId/bank-revocation), with the signing bank. */
  readonly bankRevocations: { tokenId: string; memberId: string; cancellation: unknown }[] = [];
  /** Token requests served at GET /api/v1/token-requests/:id, by id. */
  readonly tokenRequests = new Map<string, unknown>();
  /** While true, revocations are answered 503 (a cloud that is down). */
  unreachable = false;
  /** While true, revocations are refused 404 (a cloud that no longer knows the grant). */
  refusesRevocations = false;
  readonly #now: () => number;

  constructor(origin: string, now: () => number) {
    this.origin = origin;
    this.#now = now;
    const secret = new Uint8Array(randomBytes(32));
    const pair = keyPairFromSecret('Ed25519', secret);
    this.publicKey = pair.publicKey;
    this.keyId = keyIdOf('Ed25519', pair.publicKey);
    this.signer = {
      ...secretKeySigner('Ed25519', pair.secretKey, nodeBackend),
      keyid: `cloud:${this.keyId}`,
    };
    this.#routes();
  }

  /** Back to the truth, between tests: logs as they are, every grant valid. */
  tellTheTruth(): void {
    this.tamper = undefined;
    this.tokenStatus.clear();
    this.unreachable = false;
    this.refusesRevocations = false;
  }

  state(memberId: string): Promise<MemberState> {
    return this.#replay(this.logs.get(memberId) ?? []);
  }

  async #replay(log: DirectoryOperation[]): Promise<MemberState> {
    let state: MemberState | null = null;
    for (const op of log) ({ state } = await appendOperation(state, op, nodeBackend));
    if (!state) throw new Error('empty log');
    return state;
  }

  #routes(): void {
    const app = this.app;
    app.post('/api/v1/members', async (c) => {
      const { state, op } = await appendOperation(null, await c.req.json(), nodeBackend);
      this.logs.set(state.memberId, [op]);
      return c.json(state, 201);
    });
    app.get('/api/v1/members/:id', async (c) => {
      const log = this.logs.get(c.req.param('id'));
      if (!log) return c.json({ code: 'NotFound', detail: 'no member' }, 404);
      return c.json(await this.#replay(log));
    });
    app.get('/api/v1/members/:id/log', (c) => {
      const id = c.req.param('id');
      const log = this.logs.get(id);
      if (!log) return c.json({ code: 'NotFound', detail: 'no member' }, 404);
      return c.json({ memberId: id, operations: this.tamper ? this.tamper(id, log) : log });
    });
    app.post('/api/v1/members/:id/operations', async (c) => {
      const log = this.logs.get(c.req.param('id'));
      if (!log) return c.json({ code: 'NotFound', detail: 'no member' }, 404);
      const { state, op } = await appendOperation(await this.#replay(log), await c.req.json(), nodeBackend);
      log.push(op);
      return c.json(state, 201);
    });
    app.get('/api/v1/cloud/keys', (c) =>
      c.json({ keys: [{ keyId: this.keyId, algorithm: 'Ed25519', publicKey: base64url(this.publicKey) }] }),
    );
    // The status of a grant, for the bank that holds the accounts: signed by that bank (checked here).
    app.get('/api/v1/access/:tokenId/status', async (c) => {
      const memberId = await this.#signer(c.req.raw, new Uint8Array(0));
      if (!memberId) return c.json({ code: 'InvalidSignature', detail: 'bad signature' }, 401);
      const tokenId = c.req.param('tokenId');
      this.statusQueries.push({ tokenId, memberId });
      return c.json({ tokenId, status: this.tokenStatus.get(tokenId) ?? 'valid', lastUsedAt: null });
    });
    // A bank tells of a revocation its customer made in online banking: signed by that bank.
    app.post('/api/v1/access/:tokenId/bank-revocation', async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const memberId = await this.#signer(c.req.raw, body);
      if (!memberId) return c.json({ code: 'InvalidSignature', detail: 'bad signature' }, 401);
      if (this.unreachable) return c.json({ code: 'Unavailable', detail: 'down' }, 503);
      if (this.refusesRevocations) return c.json({ code: 'NotFound', detail: 'no such grant' }, 404);
      const tokenId = c.req.param('tokenId');
      const cancellation = JSON.parse(new TextDecoder().decode(body)) as unknown;
      this.bankRevocations.push({ tokenId, memberId, cancellation });
      this.tokenStatus.set(tokenId, 'revokedByPsu');
      return c.json({ tokenId, status: 'revokedByPsu' });
    });
    app.get('/api/v1/token-requests/:id', (c) => {
      const request = this.tokenRequests.get(c.req.param('id'));
      if (!request) return c.json({ code: 'NotFound', detail: 'no request' }, 404);
      return c.json({ id: c.req.param('id'), request, domainVerified: true, status: 'pending' });
    });
  }

  /** The member whose directory key signed this RFC 9421 request, or undefined. */
  async #signer(req: Request, body: Uint8Array): Promise<string | undefined> {
    const url = new URL(req.url);
    const inspected = inspectSignedRequest(
      { method: req.method, path: url.pathname, query: url.search, body, headers: req.headers },
      this.#now(),
    );
    const { memberId, keyId } = parseKeyid(inspected.params.keyid);
    const key = (await this.state(memberId)).keys.find((k) => k.id === keyId);
    if (
      !key ||
      !(await nodeBackend.verify(
        key.algorithm,
        fromBase64url(key.publicKey),
        inspected.base,
        inspected.signature,
        { lowS: true },
      ))
    )
      return undefined;
    return memberId;
  }

  /** An SDK client of this cloud, for members created in tests. */
  client(net: Network): CloudClient {
    return new CloudClient({ baseUrl: this.origin, fetch: net.fetch, now: this.#now });
  }

  /** A connector call as the cloud makes it: POST, signed with the cloud key. */
  call<T>(net: Network, bankOrigin: string, path: string, body: unknown): Promise<T> {
    return new CloudClient({ baseUrl: bankOrigin, fetch: net.fetch, now: this.#now }).send<T>(
      'POST',
      path,
      body,
      this.signer,
    );
  }
}
