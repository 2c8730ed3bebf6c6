import { ProtocolError } from '@tokenos/protocol';
import type { MiddlewareHandler } from 'hono';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `application/json; charset=utf-8` -> `application/json` (RFC 9110 §8.3.1: case-insensitive). */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * A mutating request carries JSON, or no body at all: anything else is 415 (RFC 9110 §15.5.16),
 * before any signature or body is read. A form or `text/plain` post is what a cross-site page can
 * send without a CORS preflight, so a JSON API that accepted one would take requests no client of
 * ours makes.
 */
export function requireJson(): MiddlewareHandler {
  return async (c, next) => {
    if (readOnly.has(c.req.method)) return next();
    const type = c.req.header('content-type');
    if (type === undefined ? c.req.raw.body === null : mediaType(type) === 'application/json') return next();
    throw new ProtocolError(
      'UnsupportedMediaType',
      `expected application/json, got ${type === undefined ? 'a body with no content type' : mediaType(type)}`,
      { field: 'content-type' },
    );
  };
}
