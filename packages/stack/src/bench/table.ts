import type { BenchRow } from './types.ts';

export interface BenchResult {
  section: string;
  rows: BenchRow[];
}

/**
 * One plain-text table: figure, operations per second, and the ratio to the named baseline
 * figure of the same run (so the numbers compare across machines only through the ratios).
 */
export function formatTable(results: BenchResult[]): string {
  const byName = new Map<string, number>();
  for (const r of results) for (const row of r.rows) byName.set(row.figure, row.value);

  const lines: string[][] = [['figure', 'ops/s', 'ratio to baseline']];
  for (const result of results) {
    lines.push([`[${result.section}]`, '', '']);
    for (const row of result.rows) {
      const base = row.baseline === undefined ? undefined : byName.get(row.baseline);
      const ratio =
        row.baseline === undefined
          ? ''
          : base
            ? `${(row.value / base).toFixed(2)}x ${row.baseline}`
            : `(no ${row.baseline})`;
      lines.push([`  ${row.figure}`, formatRate(row.value), ratio]);
    }
  }
  const widths = [0, 1, 2].map((c) => Math.max(...lines.map((l) => l[c]!.length)));
  const render = (l: string[]) =>
    `${l[0]!.padEnd(widths[0]!)} | ${l[1]!.padStart(widths[1]!)} | ${l[2]!.padEnd(widths[2]!)}`.trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [render(lines[0]!), rule, ...lines.slice(1).map(render)].join('\n');
}

function formatRate(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}
