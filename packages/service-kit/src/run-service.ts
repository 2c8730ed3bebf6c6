import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

/** Work a service repeats while it runs (purging old nonces, sweeping expired data). */
export interface PeriodicJob {
  /** Named in the log when a run fails: `<name> failed`. */
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export interface RunServiceOptions {
  /** The app's `fetch` (a Hono app's `app.fetch`). */
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  hostname: string;
  /** Called once the socket listens (port 0 gets its real port in `info`). */
  onListening?: (info: AddressInfo) => void;
  jobs?: readonly PeriodicJob[];
  /** Closes what the service holds (its database) after the server stops accepting connections. */
  close?: () => Promise<void>;
  /** Where a failed job run goes; default console.error. A failed run never stops the job. */
  log?: (message: string, e: unknown) => void;
  /** Called after a shutdown on SIGINT or SIGTERM; default process.exit. */
  exit?: (code: number) => void;
}

export interface RunningService {
  server: ServerType;
  /** Stops the jobs and the server, then runs `close`; once, however often it is called. */
  stop(): Promise<void>;
}

/**
 * A service as a process: listens, runs its periodic jobs, and on SIGINT or SIGTERM stops them,
 * stops accepting connections, closes what it holds and exits 0.
 */
export function runService(o: RunServiceOptions): RunningService {
  const log = o.log ?? ((m, e) => console.error(m, e));
  const server = serve({ fetch: o.fetch, port: o.port, hostname: o.hostname }, o.onListening);
  const timers = (o.jobs ?? []).map((job) => {
    const timer = setInterval(() => {
      job.run().catch((e: unknown) => log(`${job.name} failed`, e));
    }, job.everyMs);
    // Jobs never keep the process alive on their own: the server does, until it closes.
    timer.unref();
    return timer;
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      for (const timer of timers) clearInterval(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      server.close();
      await o.close?.();
    })();
    return stopped;
  };
  const exit = o.exit ?? ((code: number) => process.exit(code));
  function onSignal(): void {
    void stop().then(() => exit(0));
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { server, stop };
}
