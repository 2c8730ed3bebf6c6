import { type ServerType, serve } from '@hono/node-server';
import { CloudClient } from '@tokenos/sdk';
import { loadServiceIdentity, type ServiceIdentity } from '@tokenos/sdk/node';
import type { SiteConfig } from './site-config.ts';
import type { SiteState } from './site-routes.ts';

type Log = (message: string) => void;

/**
 * Runs `fn` until it succeeds, every `everyMs`: the cloud or a bank may start after the site.
 * Says why on the first failure and every tenth, so a log shows a stuck start without flooding.
 */
export async function retry<T>(
  what: string,
  fn: () => Promise<T>,
  o: { log: Log; everyMs?: number },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === 1 || attempt % 10 === 0)
        o.log(`${what}: ${e instanceof Error ? e.message : String(e)}; retrying`);
      await new Promise((r) => setTimeout(r, o.everyMs ?? 2_000));
    }
  }
}

/** The SRI hash of the widget the cloud serves, which the pages pin (W3C SRI: sha384 only here). */
export async function fetchWidgetIntegrity(cloudUrl: string): Promise<string> {
  const res = await fetch(`${cloudUrl}/checkout/v1/sri.json`);
  if (!res.ok) throw new Error(`GET /checkout/v1/sri.json answered ${res.status}`);
  const { integrity } = (await res.json()) as { integrity?: unknown };
  if (typeof integrity !== 'string' || !integrity.startsWith('sha384-'))
    throw new Error('no sha384 integrity');
  return integrity;
}

/**
 * The start-up of a site's process, in the order it must run: listen first (`serveSite`: the
 * cloud fetches the domain proof from the site), then `identity()` (wait for the cloud, register
 * or load the member, verify the domain), the site's own wiring, `widget()`, and `ready()`.
 */
export class SiteStartUp {
  readonly client: CloudClient;
  /** The DOMAIN alias: the site's host, with the port in development (localhost:5174). */
  readonly domain: string;
  readonly #config: SiteConfig;
  readonly #state: SiteState;
  readonly #log: Log;

  constructor(o: { config: SiteConfig; state: SiteState; log: Log }) {
    this.#config = o.config;
    this.#state = o.state;
    this.#log = o.log;
    this.client = new CloudClient({ baseUrl: o.config.cloudUrl });
    this.domain = new URL(o.config.publicUrl).host;
  }

  retry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return retry(what, fn, { log: this.#log });
  }

  /** The site's member (keys in dataDir), its domain proved while the proof is served from `state`. */
  async identity(o: { what: string; stateFile?: string }): Promise<ServiceIdentity> {
    await this.retry(`waiting for the cloud at ${this.#config.cloudUrl}`, () => this.client.get('/health'));
    return this.retry(o.what, () =>
      loadServiceIdentity({
        client: this.client,
        dataDir: this.#config.dataDir,
        domain: this.domain,
        publish: (document) => {
          this.#state.domainProof = document;
        },
        log: this.#log,
        ...(o.stateFile ? { stateFile: o.stateFile } : {}),
      }),
    );
  }

  /** Reads the widget's hash, without which no page offers the widget. */
  async widget(): Promise<void> {
    this.#state.widgetIntegrity = await this.retry('reading the widget’s SRI hash from the cloud', () =>
      fetchWidgetIntegrity(this.#config.cloudUrl),
    );
  }

  /** /health answers 200 from now on. */
  ready(identity: ServiceIdentity): void {
    this.#state.ready = true;
    this.#log(
      `ready: member ${identity.member.id}, domain ${this.domain} ${identity.domainVerified ? 'verified' : 'NOT verified'}`,
    );
  }
}

/** Listens on PORT (or `defaultPort`) at HOST (default 127.0.0.1); closes on SIGINT and SIGTERM. */
export function serveSite(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  o: { config: SiteConfig; env: Record<string, string | undefined>; defaultPort: number; log: Log },
): ServerType {
  const port = Number(o.env.PORT ?? o.defaultPort);
  const server = serve({ fetch: app.fetch, port, hostname: o.env.HOST ?? '127.0.0.1' }, () =>
    o.log(`${o.config.name} listening on ${o.config.publicUrl}`),
  );
  const shutdown = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return server;
}
