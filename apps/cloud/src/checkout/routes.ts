import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { locales as widgetWords } from '@tokenos/checkout/words';
import { problemFor, problemResponse } from '@tokenos/service-kit';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { CloudEnv } from '../http/env.ts';

/** The widget's script-tag build, built by `npm run build -w @tokenos/checkout`. */
export const checkoutScriptPath = fileURLToPath(
  new URL('../../../../packages/checkout/dist/checkout.iife.js', import.meta.url),
);

export interface CheckoutScript {
  body: Uint8Array<ArrayBuffer>;
  /** Subresource Integrity value (W3C SRI §3.1): `sha384-` and the base64 digest of the bytes served. */
  integrity: string;
}

export function checkoutScriptFrom(bytes: Uint8Array): CheckoutScript {
  const body = new Uint8Array(bytes);
  return { body, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}` };
}

/** Reads the built widget once; undefined when it has not been built. */
export function loadCheckoutScript(path = checkoutScriptPath): CheckoutScript | undefined {
  try {
    return checkoutScriptFrom(readFileSync(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

let fromDisk: CheckoutScript | undefined | null = null;

// Any page may load the widget (SRI on a cross-origin script needs CORS) and embed it.
const publicHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The drop-in widget for `<script src="<cloud>/checkout/v1/checkout.js" integrity=...>`: a
 * versioned, immutable URL with its SRI hash at /checkout/v1/sri.json. The file is read once, at
 * the first app built in this process (the cloud reads another package's dist, nothing else).
 */
export function checkoutRoutes(options: { script?: CheckoutScript | undefined } = {}): Hono<CloudEnv> {
  if (!('script' in options) && fromDisk === null) fromDisk = loadCheckoutScript();
  const script = 'script' in options ? options.script : (fromDisk ?? undefined);
  const app = new Hono<CloudEnv>();

  const notBuilt = (c: Context<CloudEnv>) =>
    problemResponse(
      c,
      problemFor(
        'Unavailable',
        'the cloud has no checkout.js: run `npm run build -w @tokenos/checkout` and restart',
      ),
      { ...publicHeaders, 'Cache-Control': 'no-store' },
    );

  app.get('/v1/checkout.js', (c) => {
    if (!script) return notBuilt(c);
    return c.body(script.body, 200, {
      ...publicHeaders,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${script.integrity}"`,
    });
  });

  // The rest of a language's words, which the widget reads when it starts in that language (the
  // script-tag build carries only English and each language's button words).
  app.get('/v1/words/:locale', (c) => {
    const locale = c.req.param('locale');
    if (!Object.hasOwn(widgetWords, locale))
      return problemResponse(
        c,
        problemFor('NotFound', `the widget speaks ${Object.keys(widgetWords).join(', ')}`, {
          field: 'locale',
        }),
        publicHeaders,
      );
    return c.json(widgetWords[locale as keyof typeof widgetWords], 200, {
      ...publicHeaders,
      'Cache-Control': 'public, max-age=3600',
    });
  });

  app.get('/v1/sri.json', (c) => {
    if (!script) return notBuilt(c);
    // Short-lived: it names whatever checkout.js this cloud serves now.
    return c.json({ integrity: script.integrity }, 200, { ...publicHeaders, 'Cache-Control': 'no-cache' });
  });

  return app;
}

/**
 * `Access-Control-Allow-Origin: *` on GET answers only (errors included): the widget on a merchant
 * page polls a token request's status and signed result, which need no key to read (the request id
 * is an unguessable hash) and carry no cookie. Mutating calls stay signed and get no CORS header.
 */
export function publicGetCors(): MiddlewareHandler<CloudEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD')
      c.res.headers.set('Access-Control-Allow-Origin', '*');
  };
}
