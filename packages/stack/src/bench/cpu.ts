import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on nearly every Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat
 * (Linux); undefined once it is gone.
 */
export async function cpuSeconds(pid: number): Promise<number | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // proc(5): utime and stime are fields 14 and 15, here 11 and 12 counted from field 3.
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** CPU seconds of groups of processes between two readings; a process that appears later counts from zero. */
export class CpuMeter {
  readonly #start = new Map<number, number>();

  /** Reads the current totals of these processes as the starting point. */
  async start(pids: Iterable<number>): Promise<void> {
    for (const pid of pids) this.#start.set(pid, (await cpuSeconds(pid)) ?? 0);
  }

  /** CPU seconds used since start() by these processes. */
  async since(pids: Iterable<number>): Promise<number> {
    let total = 0;
    for (const pid of new Set(pids)) {
      const now = await cpuSeconds(pid);
      if (now !== undefined) total += now - (this.#start.get(pid) ?? 0);
    }
    return total;
  }
}
