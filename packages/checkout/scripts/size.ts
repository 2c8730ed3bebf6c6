// How big the script-tag build is on the wire: `npm run size -w @tokenos/checkout` prints it and
// fails above the budget; the benchmark imports measureCheckoutSize().
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for the script-tag build, gzipped: one script tag must stay small. */
export const checkoutBudgetBytes = 8 * 1024;

export interface CheckoutSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

const distFile = fileURLToPath(new URL('../dist/checkout.iife.js', import.meta.url));

/** Measures dist/checkout.iife.js (gzip level 9, as a CDN would serve it); builds it first when asked or missing. */
export async function measureCheckoutSize(options: { build?: boolean } = {}): Promise<CheckoutSize> {
  let bytes: Buffer;
  try {
    if (options.build) throw Object.assign(new Error('rebuild'), { code: 'ENOENT' });
    bytes = await readFile(distFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const { buildCheckout } = await import('./build.ts');
    await buildCheckout();
    bytes = await readFile(distFile);
  }
  const gzipBytes = gzipSync(bytes, { level: 9 }).length;
  return {
    file: join('packages/checkout/dist', 'checkout.iife.js'),
    bytes: bytes.length,
    gzipBytes,
    budgetBytes: checkoutBudgetBytes,
    withinBudget: gzipBytes <= checkoutBudgetBytes,
  };
}

export function formatCheckoutSize(s: CheckoutSize): string {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  return `${s.file}: ${kb(s.bytes)} minified, ${kb(s.gzipBytes)} gzipped (budget ${kb(s.budgetBytes)}${s.withinBudget ? '' : ', OVER'})`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = await measureCheckoutSize({ build: process.argv.includes('--build') });
  console.log(formatCheckoutSize(size));
  if (!size.withinBudget) process.exitCode = 1;
}
