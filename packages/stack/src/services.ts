// A small launcher: runs each service as its own Node process (TypeScript through tsx's loader,
// with the `source` condition so workspace packages resolve to their TypeScript), waits until it
// answers its health path, prefixes its output with its name, and stops them all on SIGINT,
// SIGTERM, or when one fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServiceSpec {
  /** Short name, used as the log prefix: `cloud`. */
  name: string;
  /** What people read in the URL table: `Cloud`. */
  label: string;
  /** Absolute path of the TypeScript entry point; it must listen on env PORT. */
  entry: string;
  port: number;
  /** Answers 2xx once the service is ready. Default `/health`. */
  healthPath?: string;
  /** Default: the folder of the entry's workspace. */
  cwd?: string;
  /** Added to the launcher's environment (PORT is always set to `port`). */
  env?: Record<string, string>;
  /** Runs before the process starts, e.g. a build the service needs. */
  prepare?: (output: NodeJS.WritableStream) => Promise<void>;
  /** Set when the service cannot run here; it is listed as not started, with this reason. */
  skip?: string;
}

export interface RunningService {
  name: string;
  label: string;
  url: string;
  pid: number;
}

export interface ServiceExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningServices {
  services: readonly RunningService[];
  skipped: readonly { name: string; label: string; reason: string }[];
  /** Stops every service (SIGTERM, then SIGKILL after a grace period); safe to call twice. */
  stop: () => Promise<void>;
  /**
   * Settles once everything is stopped: with the exit of the service that died on its own (the
   * others are then stopped too), or undefined after stop().
   */
  done: Promise<ServiceExit | undefined>;
}

export interface StartOptions {
  /** The environment every service inherits. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long one service may take to answer its health path. Default 60 s. */
  readyTimeoutMs?: number;
  /** Stop everything and exit on SIGINT/SIGTERM. Default false (a test runner has its own). */
  handleSignals?: boolean;
  /** Where prefixed logs go. Default process.stdout. */
  output?: NodeJS.WritableStream;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// `node --import tsx` resolves `tsx` from the working directory; the loader's URL works anywhere.
const tsxLoader = import.meta.resolve('tsx');
const stopGraceMs = 5_000;
const colors = [36, 35, 33, 32, 34, 31];

function prefixer(name: string, index: number, output: NodeJS.WritableStream): (line: string) => void {
  const tty = 'isTTY' in output && output.isTTY === true;
  const tag = name.padEnd(7);
  const prefix = tty ? `\u001b[${colors[index % colors.length]}m${tag}\u001b[0m │ ` : `${tag} │ `;
  return (line) => {
    output.write(`${prefix}${line}\n`);
  };
}

function pipeLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', write);
}

/** Runs a command to completion with prefixed output; rejects on a non-zero exit. */
export function runCommand(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; output?: NodeJS.WritableStream } = {},
): Promise<void> {
  const write = prefixer(name, 5, options.output ?? process.stdout);
  write(`$ ${command} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeLines(child.stdout, write);
    pipeLines(child.stderr, write);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed: exit ${code ?? signal}`));
    });
  });
}

/** True when something already accepts connections on localhost:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: 'localhost', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilHealthy(
  spec: ServiceSpec,
  child: ChildProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const healthUrl = `${url}${spec.healthPath ?? '/health'}`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${spec.name} exited (${child.exitCode ?? child.signalCode}) before answering ${healthUrl}`,
      );
    }
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `${spec.name} did not answer GET ${healthUrl} with 2xx within ${timeoutMs} ms (last: ${last})`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the services in order, each once the previous one is healthy. */
export async function startServices(
  specs: readonly ServiceSpec[],
  options: StartOptions = {},
): Promise<RunningServices> {
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  // Generous: a service that exits is reported at once (its exit ends the wait); only one that is
  // alive but slow waits this long, as on a 2-core machine under a parallel build and browser.
  const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
  const children: { spec: ServiceSpec; child: ChildProcess }[] = [];
  const running: RunningService[] = [];
  const skipped = specs.flatMap((s) => (s.skip ? [{ name: s.name, label: s.label, reason: s.skip }] : []));
  let stopping: Promise<void> | undefined;
  let settle: (exit: ServiceExit | undefined) => void = () => {};
  const done = new Promise<ServiceExit | undefined>((resolve) => {
    settle = resolve;
  });

  const onSignal = (signal: NodeJS.Signals): void => {
    output.write(`\n${signal}: stopping ${children.map((c) => c.spec.name).join(', ') || 'nothing'}\n`);
    void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  if (options.handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  function stop(exit?: ServiceExit): Promise<void> {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.all(children.map(({ child }) => stopChild(child)));
      settle(exit);
    })();
    return stopping;
  }

  try {
    for (const [index, spec] of specs.entries()) {
      if (spec.skip) continue;
      const write = prefixer(spec.name, index, output);
      const url = `http://localhost:${spec.port}`;
      if (await portInUse(spec.port)) {
        throw new Error(
          `${spec.name}: port ${spec.port} is already in use; stop what runs there or pick another port`,
        );
      }
      await spec.prepare?.(output);
      const child = spawn(process.execPath, ['--import', tsxLoader, '--conditions=source', spec.entry], {
        cwd: spec.cwd ?? join(spec.entry, '..'),
        env: { ...env, ...spec.env, PORT: String(spec.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push({ spec, child });
      // The last lines go into the error if the service never becomes healthy.
      const recent: string[] = [];
      const writeAndKeep = (line: string): void => {
        write(line);
        recent.push(line);
        if (recent.length > 12) recent.shift();
      };
      pipeLines(child.stdout, writeAndKeep);
      pipeLines(child.stderr, writeAndKeep);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        write(`exited unexpectedly (${code ?? signal}); stopping the others`);
        void stop({ name: spec.name, code, signal });
      });
      await waitUntilHealthy(spec, child, url, readyTimeoutMs).catch((error: unknown) => {
        const tail = recent.map((line) => `  ${spec.name} │ ${line}`).join('\n');
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(tail ? `${message}; its last output:\n${tail}` : message, { cause: error });
      });
      if (child.pid === undefined) throw new Error(`${spec.name} has no pid`);
      running.push({ name: spec.name, label: spec.label, url, pid: child.pid });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { services: running, skipped, stop: () => stop(), done };
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a port number from 1 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

export interface DefaultServicesOptions {
  /**
   * Reads CLOUD_PORT, WALLET_PORT and STACK_SERVICES (a comma list such as `wallet` to run only
   * some services). Default process.env.
   */
  env?: NodeJS.ProcessEnv;
  /** Build the wallet even if apps/wallet/dist exists. */
  rebuild?: boolean;
  root?: string;
}

/**
 * The local stack on fixed localhost ports: cloud 4000 (CLOUD_PORT), Iron Bank 4100 (IRON_PORT),
 * Gold Bank 4200 (GOLD_PORT), wallet 5173 (WALLET_PORT). The banks start after the cloud (they
 * register as members in its directory) and settle payments with each other. A service whose
 * entry does not exist yet is listed as skipped; the wallet is built first when its dist/ is missing.
 */
export function defaultServices(options: DefaultServicesOptions = {}): ServiceSpec[] {
  const env = options.env ?? process.env;
  const root = options.root ?? repoRoot;
  const cloudPort = portFromEnv(env, 'CLOUD_PORT', 4000);
  const walletPort = portFromEnv(env, 'WALLET_PORT', 5173);
  const ironPort = portFromEnv(env, 'IRON_PORT', 4100);
  const goldPort = portFromEnv(env, 'GOLD_PORT', 4200);
  const shopPort = portFromEnv(env, 'SHOP_PORT', 5174);
  const budgetPort = portFromEnv(env, 'BUDGET_PORT', 5175);
  // The checkout widget's script-tag build, which the cloud serves at /checkout/v1/checkout.js.
  const checkoutScript = join(root, 'packages/checkout/dist/checkout.iife.js');
  const shopEntry = join(root, 'apps/shop/src/server.ts');
  const budgetEntry = join(root, 'apps/budget/src/server.ts');
  const cloudEntry = join(root, 'apps/cloud/src/server.ts');
  const bankEntry = join(root, 'apps/bank/src/server.ts');
  const local = (port: number) => `http://localhost:${port}`;
  const walletOrigins = env.WALLET_ORIGINS ?? local(walletPort);
  // The same bank code twice, as two banks with their own databases, keys and customers. The
  // credentials are the seeded demo customers (apps/bank/src/customers/seed.ts).
  const bank = (b: {
    name: string;
    label: string;
    code: string;
    port: number;
    peer: number;
    customers: string;
  }): ServiceSpec => ({
    name: b.name,
    label: `${b.label} (sign in as ${b.customers}; password: <name>-password)`,
    entry: bankEntry,
    port: b.port,
    cwd: join(root, 'apps/bank'),
    env: {
      BANK_NAME: b.label,
      BANK_CODE: b.code,
      CLOUD_URL: local(cloudPort),
      PUBLIC_URL: local(b.port),
      PEER_BANK_URLS: local(b.peer),
      WALLET_ORIGINS: walletOrigins,
    },
    ...(existsSync(bankEntry) ? {} : { skip: 'apps/bank/src/server.ts does not exist yet' }),
  });
  const walletDir = join(root, 'apps/wallet');
  const only = env.STACK_SERVICES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const specs: ServiceSpec[] = [
    {
      name: 'cloud',
      label: 'Cloud',
      entry: cloudEntry,
      port: cloudPort,
      cwd: join(root, 'apps/cloud'),
      // The cloud accepts passkey ceremonies and requests from the wallet's origin only, and
      // reaches the banks at BANK_URLS (each tells its member id at /.well-known/tokenos-bank).
      env: {
        ...(env.WALLET_ORIGINS ? {} : { WALLET_ORIGINS: walletOrigins }),
        ...(env.BANK_URLS ? {} : { BANK_URLS: `${local(ironPort)},${local(goldPort)}` }),
      },
      prepare: async (output) => {
        if (options.rebuild || !existsSync(checkoutScript)) {
          await runCommand('build', 'npm', ['run', 'build', '-w', '@tokenos/checkout'], {
            cwd: root,
            env,
            output,
          });
        }
      },
      ...(existsSync(cloudEntry) ? {} : { skip: 'apps/cloud/src/server.ts does not exist yet' }),
    },
    bank({
      name: 'iron',
      label: 'Iron Bank',
      code: 'IRON',
      port: ironPort,
      peer: goldPort,
      customers: 'alice, bob or shop',
    }),
    bank({
      name: 'gold',
      label: 'Gold Bank',
      code: 'GOLD',
      port: goldPort,
      peer: ironPort,
      customers: 'carol or shop',
    }),
    {
      name: 'wallet',
      label: 'Wallet',
      entry: join(walletDir, 'server/main.ts'),
      port: walletPort,
      cwd: walletDir,
      env: { CLOUD_URL: `http://localhost:${cloudPort}` },
      prepare: async (output) => {
        if (options.rebuild || !existsSync(join(walletDir, 'dist/index.html'))) {
          await runCommand('build', 'npm', ['run', 'build', '-w', '@tokenos/wallet'], {
            cwd: root,
            env,
            output,
          });
        }
      },
    },
    // The demo merchant and the demo budgeting app, each on its own origin with its own member
    // (keys in its data folder) and a DOMAIN alias the cloud verifies against that origin.
    {
      name: 'shop',
      label: 'Demo shop',
      entry: shopEntry,
      port: shopPort,
      cwd: join(root, 'apps/shop'),
      env: {
        CLOUD_URL: local(cloudPort),
        WALLET_URL: local(walletPort),
        ...(env.SHOP_BANK_URL ? {} : { SHOP_BANK_URL: local(ironPort) }),
      },
      ...(existsSync(shopEntry) ? {} : { skip: 'apps/shop/src/server.ts does not exist yet' }),
    },
    {
      name: 'budget',
      label: 'Budget app (Tally)',
      entry: budgetEntry,
      port: budgetPort,
      cwd: join(root, 'apps/budget'),
      env: { CLOUD_URL: local(cloudPort), WALLET_URL: local(walletPort) },
      ...(existsSync(budgetEntry) ? {} : { skip: 'apps/budget/src/server.ts does not exist yet' }),
    },
  ];
  if (!only?.length) return specs;
  return specs.map((s) => (only.includes(s.name) || s.skip ? s : { ...s, skip: 'not in STACK_SERVICES' }));
}
