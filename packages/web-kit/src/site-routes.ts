import { Hono } from 'hono';
import { problem } from './problem.ts';
import { staticFiles } from './static-files.ts';

/** What changes while a site starts: set by its start-up (start-up.ts), read by its routes. */
export interface SiteState {
  /** /health answers 200 only once the site has its member and the widget's hash. */
  ready: boolean;
  /** Served at /.well-known/tokenos-member while the cloud verifies the site's domain. */
  domainProof?: { memberId: string; token: string };
  /** The SRI hash of the widget the cloud serves (W3C SRI), pinned into the pages. */
  widgetIntegrity?: string;
}

/**
 * The routes every site has besides its pages: health, the domain proof the cloud fetches, and
 * the static files of its `public/` folder at /static/:name (with the base stylesheet).
 */
export function siteRoutes(o: { state: SiteState; publicDir: URL; staticFiles: readonly string[] }): Hono {
  const { state } = o;
  return new Hono()
    .get('/health', (c) => c.json({ ok: state.ready }, state.ready ? 200 : 503))
    .get('/.well-known/tokenos-member', (c) =>
      state.domainProof
        ? c.json(state.domainProof)
        : problem(c, 404, 'NotFound', 'no verification in progress'),
    )
    .route('/static', staticFiles(o.publicDir, o.staticFiles));
}
