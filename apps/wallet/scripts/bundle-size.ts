// The wallet's initial JavaScript, gzipped: every script dist/index.html loads before the first
// screen (its module entry and the chunks it modulepreloads). Screens loaded later are not counted.
// Run `npm run build -w @tokenos/wallet` first; then `npx tsx apps/wallet/scripts/bundle-size.ts`
// prints the sizes and exits 1 above the budget. The benchmark imports measureInitialJs().
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

/** The wallet's budget: at most 150 KB of initial JavaScript, gzipped. */
export const initialJsBudgetBytes = 150 * 1024;

export interface InitialJs {
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

const defaultDist = fileURLToPath(new URL('../dist/', import.meta.url));

/** The same-origin scripts an HTML page loads up front: module entries and modulepreloads. */
export function initialScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag) && attr('type') === 'module' && attr('src');
    const isPreload = /^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href');
    const url = isScript ? attr('src') : isPreload ? attr('href') : undefined;
    if (url && !/^[a-z]+:\/\//i.test(url) && !url.startsWith('//') && !found.includes(url)) found.push(url);
  }
  return found;
}

export function measureInitialJs(distDir: string = defaultDist): InitialJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const urls = initialScripts(html);
  if (urls.length === 0)
    throw new Error(`${join(distDir, 'index.html')} loads no module script; is it a Vite build?`);
  const files = urls.map((url) => {
    const content = readFileSync(join(distDir, url.replace(/^\//, '')));
    // Level 9, as a CDN or a pre-compressing server would serve it.
    const gzipBytes = gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length;
    return { file: url, bytes: content.length, gzipBytes };
  });
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return {
    files,
    totalBytes,
    totalGzipBytes,
    budgetBytes: initialJsBudgetBytes,
    withinBudget: totalGzipBytes <= initialJsBudgetBytes,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = measureInitialJs(process.argv[2] ? resolve(process.argv[2]) : defaultDist);
  for (const f of result.files)
    console.log(`${f.file.padEnd(44)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip`);
  console.log(
    `wallet initial JS: ${kb(result.totalGzipBytes)} gzipped (${kb(result.totalBytes)} raw); budget ${kb(result.budgetBytes)}: ${result.withinBudget ? 'within' : 'OVER'}`,
  );
  process.exit(result.withinBudget ? 0 : 1);
}
