import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand } from '../services.ts';
import type { BenchRow, BenchSection } from './types.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const checkoutSizeScript = `${root}packages/checkout/scripts/size.ts`;
const walletSizeScript = `${root}apps/wallet/scripts/bundle-size.ts`;
const walletIndex = `${root}apps/wallet/dist/index.html`;

const widgetFigure = 'checkout widget, script-tag build (gzip -9)';
const walletFigure = 'wallet initial JavaScript (gzip -9)';

/** Targets: the widget's script-tag build at most 8 KB, the wallet's initial JavaScript 150 KB. */
const widgetTargetKb = 8;
const walletTargetKb = 150;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Calls `name` exported by the script at `file` and returns the number at `field` of its answer.
 * Loaded at run time by path: the scripts belong to their packages, which the launcher does not
 * depend on, and a missing or changed script becomes a note, not a failed benchmark.
 */
async function measuredBy(file: string, name: string, field: string): Promise<number> {
  const mod: unknown = await import(pathToFileURL(file).href);
  const fn = isRecord(mod) ? mod[name] : undefined;
  if (typeof fn !== 'function') throw new Error(`${file} exports no ${name}()`);
  const result: unknown = await fn();
  const value = isRecord(result) ? result[field] : undefined;
  if (typeof value !== 'number') throw new Error(`${name}() answered no number ${field}`);
  return value;
}

function targetNote(kb: number, target: number, how: string): string {
  return `target <= ${target} KB: ${kb <= target ? 'met' : 'NOT met'}; ${how}`;
}

/**
 * What a page pays to load us, gzipped at level 9 as a CDN serves it: the widget's script-tag
 * build (packages/checkout/scripts/size.ts, which builds it when missing) and the wallet's initial
 * JavaScript, every script its index.html loads up front (apps/wallet/scripts/bundle-size.ts).
 * The wallet is measured as built; a full run builds it when dist/ is missing, a quick run skips.
 */
export const sizeSection: BenchSection = {
  name: 'sizes',
  async run(context) {
    const rows: BenchRow[] = [];
    try {
      const kb = (await measuredBy(checkoutSizeScript, 'measureCheckoutSize', 'gzipBytes')) / 1024;
      rows.push({
        figure: widgetFigure,
        value: kb,
        unit: 'KB',
        note: targetNote(kb, widgetTargetKb, 'packages/checkout/dist/checkout.iife.js'),
      });
    } catch (e) {
      rows.push({ figure: widgetFigure, value: Number.NaN, unit: 'KB', note: `not measured: ${message(e)}` });
    }
    try {
      if (!existsSync(walletIndex)) {
        if (context.quick)
          throw new Error('apps/wallet/dist is not built (npm run build -w @tokenos/wallet)');
        await runCommand('build', 'npm', ['run', 'build', '-w', '@tokenos/wallet'], { cwd: root });
      }
      const kb = (await measuredBy(walletSizeScript, 'measureInitialJs', 'totalGzipBytes')) / 1024;
      rows.push({
        figure: walletFigure,
        value: kb,
        unit: 'KB',
        note: targetNote(kb, walletTargetKb, 'scripts apps/wallet/dist/index.html loads up front'),
      });
    } catch (e) {
      rows.push({ figure: walletFigure, value: Number.NaN, unit: 'KB', note: `not measured: ${message(e)}` });
    }
    return rows;
  },
};

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);
}
