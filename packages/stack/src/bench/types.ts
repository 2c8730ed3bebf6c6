/** What a figure counts. */
export type BenchUnit = 'ops/s' | 'ms' | 'MB' | 'KB' | 'MB/min';

/** One measured figure. `baseline` names another figure of the same run to compare against. */
export interface BenchRow {
  figure: string;
  /** In `unit`; NaN for a figure that could not be measured here (say why in `note`). */
  value: number;
  /** Default 'ops/s'. */
  unit?: BenchUnit;
  /** A figure of the same run this one is divided by; only where the ratio means something. */
  baseline?: string;
  /** Printed after the ratio: a target met or missed, a skip reason, how the figure was taken. */
  note?: string;
  /** Prints the row under this heading instead of its section's name (one run, several tables). */
  section?: string;
}

export interface BenchContext {
  /** Measuring time per figure, after a warm-up of a tenth of it (at least 50 ms). */
  durationMs: number;
  /** `--quick` (CI): short windows, fewer clients, and nothing that may fail on a number. */
  quick: boolean;
  /** A figure measured earlier in this run (sections run in order), e.g. 'Ed25519 verify, node x64'. */
  figure(name: string): number | undefined;
}

/** A group of figures; new work adds a section to bench/sections.ts. */
export interface BenchSection {
  name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
