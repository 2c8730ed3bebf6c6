import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchSections } from './bench/sections.ts';
import { soakSection } from './bench/soak.ts';
import { type BenchResult, formatTable, groupRows } from './bench/table.ts';

// `npm run bench` measures about two seconds per figure and twenty seconds per payment
// configuration, about four minutes in all; `--quick` (CI) a quarter second per figure and three
// seconds per payment configuration, about a minute. Numbers are printed, never asserted: they
// depend on the machine. `--soak` runs only the 10-minute memory soak (bench/soak.ts).
// `--only <text>` runs only the sections whose name contains it (`--only payments`); figures
// priced with an earlier section's (the payment bound) then say which figure they miss.
const quick = process.argv.includes('--quick');
const soak = process.argv.includes('--soak');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
if (onlyAt !== -1 && !only) throw new Error('--only needs a section name (or part of one)');
const sections = soak
  ? [soakSection]
  : benchSections.filter((s) => only === undefined || s.name.includes(only));
if (sections.length === 0)
  throw new Error(
    `--only ${only}: no section matches; sections: ${benchSections.map((s) => s.name).join(', ')}`,
  );
const durationMs = quick ? 250 : 2000;

const started = performance.now();
// Other work on the machine moves every figure; the load average says how much there was.
const loadAtStart = loadavg()[0]!;
const results: BenchResult[] = [];
const measured = new Map<string, number>();
for (const section of sections) {
  const sectionStart = performance.now();
  const rows = await section.run({ durationMs, quick, figure: (name) => measured.get(name) });
  process.stderr.write(
    `bench: ${section.name} (${((performance.now() - sectionStart) / 1000).toFixed(1)} s)\n`,
  );
  for (const row of rows) measured.set(row.figure, row.value);
  results.push(...groupRows(section.name, rows));
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(
  `node ${process.versions.node}, OpenSSL ${process.versions.openssl}, ${availableParallelism()} cores, ` +
    `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ${soak ? 'soak' : quick ? 'quick' : 'full'} run${only === undefined ? '' : ` (--only ${only})`}, ` +
    `${new Date().toISOString().slice(0, 10)}, ${seconds} s, load average ${loadAtStart.toFixed(1)} at start and ${loadavg()[0]!.toFixed(1)} at end\n`,
);
console.log(formatTable(results));
