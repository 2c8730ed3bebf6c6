import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.ts';
import { type RunningServices, type ServiceSpec, startServices } from '../services.ts';
import { freshPgliteDir } from './pglite-template.ts';
import type { PgServer } from './postgres.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** The wallet origin the cloud and the banks accept passkey ceremonies from (SoftAuthenticator uses it). */
export const walletOrigin = 'http://localhost:5173';
/**
 * Rate limits for the benchmark: far above anything one machine can send, so the limiter still
 * runs on every request (its cost is in the figures) but never refuses one.
 */
export const benchRateLimit = '1000000/1000000';

export interface BenchStackOptions {
  /** PGlite in a temporary folder per service, or a fresh PostgreSQL database per service. */
  engine: 'pglite' | 'postgres';
  /** PostgreSQL server for engine 'postgres'. */
  pg?: PgServer;
  /** Cloud instances; with two, a round-robin proxy (bench/proxy.ts) is the one address everybody uses. */
  cloudInstances: 1 | 2 | 3;
  /** Put the round-robin proxy in front of the instances. Default: when there is more than one. */
  proxy?: boolean;
  /** Run Iron Bank. Default true. */
  iron?: boolean;
  /** Also run Gold Bank (payments between banks). */
  gold: boolean;
  /**
   * Start every service as a group of its own, so that one can be killed (kill) and started again
   * (restart) while the others keep running (the fault tests, packages/stack/src/faults/).
   */
  separate?: boolean;
  /** Connections per cloud instance's pool (DB_POOL); PGlite has one connection whatever this says. */
  cloudPool?: number;
}

export interface BenchStack {
  /** What clients and banks call: the single cloud, or the proxy in front of two. */
  cloudUrl: string;
  /** Each cloud instance's own address, whatever cloudUrl says. */
  cloudUrls: string[];
  /** The cloud instances' node processes (not wrappers: startServices runs node itself). */
  cloudPids: number[];
  /** Every service's node process by name: cloud1, cloud2, proxy, iron, gold. */
  pids: Record<string, number>;
  ironUrl: string;
  goldUrl?: string;
  /** PostgreSQL database names by role (cloud, iron, gold), for pg_stat_database. */
  databases: Record<string, string>;
  /** PostgreSQL database URLs by role, for checks that read a service's tables. */
  databaseUrls: Record<string, string>;
  /** Sends a signal (default SIGKILL) to one service and waits until it is gone; needs `separate`. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again on its port with its data; needs `separate`. */
  restart(name: string): Promise<void>;
  /** The last lines the services printed, for a failure's message. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/** Keeps the services' last lines instead of printing them between the benchmark's own. */
function tail(lines: number): { stream: Writable; text(): string } {
  const kept: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        kept.push(line);
        if (kept.length > lines) kept.shift();
      }
      done();
    },
  });
  return { stream, text: () => kept.join('\n') };
}

/** The environment the services inherit, without anything that would point them at other data. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'BANK_DATABASE_URL',
    'CLOUD_DATA_DIR',
    'BANK_DATA_DIR',
    'PORT',
    'RATE_LIMITS',
    'RATE_LIMIT_PER_ADDRESS',
    'RATE_LIMIT_PER_MEMBER',
    'DB_POOL',
    'CLOUD_PUBLIC_URL',
    'PUBLIC_URL',
  ])
    delete env[name];
  return env;
}

/**
 * Starts what one payment configuration needs, each service as its own process on free ports with
 * its own data (a temporary folder, or fresh PostgreSQL databases dropped on stop): cloud
 * instance(s), the proxy when there are two, Iron Bank, and Gold Bank when asked.
 * BENCH_PROFILE_DIR=<folder> runs the clouds and banks under the CPU profiler (bench/profiled.ts).
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenos-bench-'));
  const databases: Record<string, string> = {};
  const databaseUrls: Record<string, string> = {};
  const output = tail(40);
  const cleanup = async () => {
    for (const name of Object.values(databases)) await options.pg?.dropDatabase(name).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // PGlite: a copy of an empty data folder (bench/pglite-template.ts); PostgreSQL: a new database.
    const database = async (role: string, pgliteDir: string): Promise<Record<string, string>> => {
      if (options.engine === 'pglite') {
        await freshPgliteDir(pgliteDir);
        return {};
      }
      if (!options.pg) throw new Error('engine postgres needs a PostgreSQL server');
      const db = await options.pg.createDatabase(role);
      databases[role] = db.name;
      databaseUrls[role] = db.url;
      return { url: db.url };
    };
    const cloudPorts = await Promise.all(Array.from({ length: options.cloudInstances }, freePort));
    const proxyPort = (options.proxy ?? options.cloudInstances > 1) ? await freePort() : undefined;
    const ironPort = await freePort();
    const goldPort = options.gold ? await freePort() : undefined;
    // 127.0.0.1, not localhost: no IPv6 attempt first on every new connection.
    const local = (port: number) => `http://127.0.0.1:${port}`;
    const cloudUrl = local(proxyPort ?? cloudPorts[0]!);
    const iron = options.iron ?? true;
    const bankUrls = [...(iron ? [local(ironPort)] : []), ...(goldPort ? [local(goldPort)] : [])];

    const cloudDb = await database('cloud', join(dir, 'cloud'));
    const cloudEntry = join(root, 'apps/cloud/src/server.ts');
    const profileDir = process.env.BENCH_PROFILE_DIR;
    const profiled = fileURLToPath(new URL('./profiled.ts', import.meta.url));
    const front: ServiceSpec[] = cloudPorts.map((port, i) => ({
      name: `cloud${i + 1}`,
      label: `Cloud ${i + 1}`,
      entry: profileDir ? profiled : cloudEntry,
      port,
      cwd: join(root, 'apps/cloud'),
      env: {
        ...(cloudDb.url ? { DATABASE_URL: cloudDb.url } : { CLOUD_DATA_DIR: join(dir, 'cloud') }),
        DB_POOL: String(options.cloudPool ?? 20),
        BANK_URLS: bankUrls.join(','),
        WALLET_ORIGINS: walletOrigin,
        CLOUD_PUBLIC_URL: cloudUrl,
        RATE_LIMIT_PER_ADDRESS: benchRateLimit,
        RATE_LIMIT_PER_MEMBER: benchRateLimit,
        ...(profileDir ? { PROFILED_ENTRY: cloudEntry, PROFILE_DIR: profileDir } : {}),
      },
    }));
    if (proxyPort)
      front.push({
        name: 'proxy',
        label: 'Round-robin proxy',
        entry: fileURLToPath(new URL('./proxy.ts', import.meta.url)),
        port: proxyPort,
        env: { UPSTREAMS: cloudPorts.map(local).join(',') },
      });
    const bank = async (name: string, code: string, port: number, peer?: number): Promise<ServiceSpec> => {
      const db = await database(name, join(dir, name, 'pgdata'));
      const bankEntry = join(root, 'apps/bank/src/server.ts');
      return {
        name,
        label: name,
        entry: profileDir ? profiled : bankEntry,
        port,
        cwd: join(root, 'apps/bank'),
        env: {
          BANK_NAME: code === 'IRON' ? 'Iron Bank' : 'Gold Bank',
          BANK_CODE: code,
          CLOUD_URL: cloudUrl,
          PUBLIC_URL: local(port),
          PEER_BANK_URLS: peer ? local(peer) : '',
          WALLET_ORIGINS: walletOrigin,
          BANK_DATA_DIR: join(dir, name),
          // Setup signs in once per simulated wallet user: a cheap demo password hash (setup only).
          BANK_DEMO_SCRYPT_N: '1024',
          ...(db.url ? { BANK_DATABASE_URL: db.url } : {}),
          ...(profileDir ? { PROFILED_ENTRY: bankEntry, PROFILE_DIR: profileDir } : {}),
        },
      };
    };
    const banks = iron ? [await bank('iron', 'IRON', ironPort, goldPort)] : [];
    if (goldPort) banks.push(await bank('gold', 'GOLD', goldPort, iron ? ironPort : undefined));

    // The clouds and the banks start side by side (a bank waits for the cloud to register with it),
    // which halves the setup on a small machine.
    const start = (specs: ServiceSpec[]) =>
      startServices(specs, { env: baseEnv(), output: output.stream, readyTimeoutMs: 120_000 });
    // One group for the clouds (and proxy) and one for the banks; with `separate`, one per service,
    // so that a service that dies (or is killed) does not take the others with it.
    const groups: ServiceSpec[][] = options.separate
      ? [...front, ...banks].map((spec) => [spec])
      : [front, banks].filter((g) => g.length > 0);
    const started = await Promise.allSettled(groups.map(start));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      for (const r of started) if (r.status === 'fulfilled') await r.value.stop();
      throw failed.reason;
    }
    const running = new Map<string, { specs: ServiceSpec[]; services: RunningServices }>();
    started.forEach((r, i) => {
      if (r.status !== 'fulfilled') return;
      for (const spec of groups[i]!) running.set(spec.name, { specs: groups[i]!, services: r.value });
    });
    const pidOf = (name: string): number | undefined =>
      running.get(name)?.services.services.find((s) => s.name === name)?.pid;
    const names = [...front, ...banks].map((s) => s.name);
    const pids = () =>
      Object.fromEntries(names.flatMap((name) => (pidOf(name) === undefined ? [] : [[name, pidOf(name)!]])));
    const separately = (name: string) => {
      const entry = running.get(name);
      if (!options.separate || !entry) throw new Error(`${name}: not a separately started service`);
      return entry;
    };
    const stack: BenchStack = {
      cloudUrl,
      cloudUrls: cloudPorts.map(local),
      get cloudPids() {
        return front.flatMap((s) => (s.name.startsWith('cloud') && pidOf(s.name) ? [pidOf(s.name)!] : []));
      },
      get pids() {
        return pids();
      },
      ironUrl: local(ironPort),
      ...(goldPort ? { goldUrl: local(goldPort) } : {}),
      databases,
      databaseUrls,
      recentOutput: output.text,
      kill: async (name, signal = 'SIGKILL') => {
        const { services } = separately(name);
        const pid = pidOf(name);
        if (pid === undefined) throw new Error(`${name} has no pid`);
        process.kill(pid, signal);
        // The launcher notices the exit and settles `done` (it stops nothing else in the group).
        await services.done;
      },
      restart: async (name) => {
        const entry = separately(name);
        await entry.services.stop();
        running.set(name, { specs: entry.specs, services: await start(entry.specs) });
      },
      stop: async () => {
        await Promise.all([...new Set([...running.values()].map((r) => r.services))].map((r) => r.stop()));
        await cleanup();
      },
    };
    return stack;
  } catch (e) {
    await cleanup();
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`${message}\n${output.text()}`, { cause: e });
  }
}

/**
 * Peak resident memory (VmHWM, Linux) of a process in MB, after checking that the pid is a node
 * process itself and not a wrapper (npm, a shell, tsx's CLI) whose own memory would be measured.
 */
export async function peakMemoryMb(pid: number): Promise<number> {
  const exe = await realpath(`/proc/${pid}/exe`);
  if (exe !== (await realpath(process.execPath)))
    throw new Error(`pid ${pid} runs ${exe}, not node (${process.execPath})`);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) / 1024;
}
