// Runs the wallet server: `PORT` (default 5173), `HOST` (default localhost), `CLOUD_URL` (default
// http://localhost:4000), `WALLET_BANKS` (default Iron Bank on 4100, Gold Bank on 4200). Serves
// apps/wallet/dist, so build first: npm run build -w @tokenos/wallet
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { logger } from 'hono/logger';
import { defaultBanks, parseBankList } from '../src/bank-config.ts';
import { createWalletServer } from './app.ts';

function portFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

const port = portFrom(process.env.PORT, 5173);
const hostname = process.env.HOST || 'localhost';
const cloudUrl = process.env.CLOUD_URL || 'http://localhost:4000';
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
// WALLET_BANKS: `Name=URL,Name=URL`, the banks a user may link.
const banks = parseBankList(process.env.WALLET_BANKS || defaultBanks);

const app = new Hono();
app.use(logger());
app.route('/', createWalletServer({ cloudUrl, distDir, banks }));

const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`wallet listening on http://${hostname}:${info.port}, relaying /api to ${cloudUrl}`);
  console.log(`wallet offers ${banks.map((b) => `${b.name} (${b.url})`).join(', ') || 'no banks'}`);
});

function shutdown(signal: NodeJS.Signals): void {
  console.log(`wallet: ${signal}, closing`);
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; do not wait for them for long.
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
