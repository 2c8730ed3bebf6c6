import type { BenchRow } from './types.ts';

export interface BenchResult {
  section: string;
  rows: BenchRow[];
}

/**
 * Rows in order, a new result wherever a row names another section than the one before it: one
 * section's run may fill several tables (the payment runs give the access-read figures too).
 */
export function groupRows(section: string, rows: BenchRow[]): BenchResult[] {
  const results: BenchResult[] = [];
  for (const row of rows) {
    const name = row.section ?? section;
    const last = results.at(-1);
    if (last?.section === name) last.rows.push(row);
    else results.push({ section: name, rows: [row] });
  }
  return results;
}

/**
 * One plain-text table: figure, value, unit, and the ratio to the named baseline figure of the same
 * run (so the numbers compare across machines only through the ratios), then a note.
 */
export function formatTable(results: BenchResult[]): string {
  const byName = new Map<string, number>();
  for (const r of results) for (const row of r.rows) byName.set(row.figure, row.value);

  // A section's heading is a line of its own, outside the columns (it may be long).
  const lines: (string[] | string)[] = [['figure', 'value', 'unit', 'ratio to baseline; note']];
  for (const result of results) {
    lines.push(`[${result.section}]`);
    for (const row of result.rows) {
      const base = row.baseline === undefined ? undefined : byName.get(row.baseline);
      const ratio =
        row.baseline === undefined || Number.isNaN(row.value)
          ? ''
          : base && !Number.isNaN(base)
            ? `${(row.value / base).toFixed(2)}x ${row.baseline}`
            : `(no ${row.baseline})`;
      const tail = [ratio, row.note ?? ''].filter(Boolean).join('; ');
      lines.push([`  ${row.figure}`, formatValue(row.value), row.unit ?? 'ops/s', tail]);
    }
  }
  const cells = lines.filter((l): l is string[] => typeof l !== 'string');
  const widths = [0, 1, 2].map((c) => Math.max(...cells.map((l) => l[c]!.length)));
  const render = (l: string[] | string) =>
    typeof l === 'string'
      ? l
      : `${l[0]!.padEnd(widths[0]!)} | ${l[1]!.padStart(widths[1]!)} | ${l[2]!.padEnd(widths[2]!)} | ${l[3]!}`.trimEnd();
  const rule = [...widths, 24].map((w) => '-'.repeat(w)).join('-+-');
  return [render(lines[0]!), rule, ...lines.slice(1).map(render)].join('\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return '-';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}
