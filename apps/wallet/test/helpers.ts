import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export const shellHtml = '<!doctype html><html lang="en"><head><title>Token Wallet</title></head></html>';

/** A throwaway dist/ with the files the server cares about, so tests need no Vite build. */
export function makeDist(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), shellHtml);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("wallet");\n');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Token Wallet"}');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Listening {
  url: string;
  close: () => Promise<void>;
}

/** Serves a Hono app on an ephemeral localhost port: a real cloud stand-in, not a mock. */
export function listen(app: Hono): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

/** A URL nothing listens on: a server that was listening a moment ago, now closed. */
export async function deadUrl(app: Hono): Promise<string> {
  const server = await listen(app);
  await server.close();
  return server.url;
}
