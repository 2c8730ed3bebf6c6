/** One measured figure. `baseline` names another figure of the same run to compare against. */
export interface BenchRow {
  figure: string;
  /** Operations per second. */
  value: number;
  baseline?: string;
}

export interface BenchContext {
  /** Measuring time per figure, after a warm-up of a tenth of it (at least 50 ms). */
  durationMs: number;
}

/** A group of figures; new work (payments per second, ...) adds a section to bench/sections.ts. */
export interface BenchSection {
  name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
