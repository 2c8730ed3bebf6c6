import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { localTimeScript } from './local-time.ts';
import { problem } from './problem.ts';

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** The stylesheet every site loads before its own (`public/base.css` of this package). */
export const baseStylesheet = 'base.css';

function read(dir: URL, name: string): { type: string; body: string } {
  const type = types[name.slice(name.lastIndexOf('.') + 1)];
  if (!type || name.includes('/'))
    throw new RangeError(`static file ${name}: expected a plain .css or .js name`);
  return { type, body: readFileSync(new URL(name, dir), 'utf8') };
}

/**
 * Serves the named files of a site's `public/` folder at `/:name` (mount it at /static), and this
 * package's base stylesheet beside them. Read once at start: the set is fixed, and a name not in
 * it is a 404, so no request can reach outside the folder.
 */
export function staticFiles(publicDir: URL, names: readonly string[]): Hono {
  const own = new URL('../public/', import.meta.url);
  const files = new Map([
    [baseStylesheet, read(own, baseStylesheet)],
    [localTimeScript, read(own, localTimeScript)],
  ]);
  for (const name of names) {
    if (files.has(name)) throw new RangeError(`static file ${name}: the name is taken`);
    files.set(name, read(publicDir, name));
  }
  return new Hono().get('/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return problem(c, 404, 'NotFound', 'no such file');
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  });
}
