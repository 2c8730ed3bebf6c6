import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.ts';

const run = promisify(execFile);

/** Where Debian's PostgreSQL 15 keeps initdb and pg_ctl; PG_BIN overrides. */
export const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port, trust auth on
 * 127.0.0.1 only), so a test can stop and start its server without touching the machine's shared
 * one on 5432. initdb refuses to run as root, so as root it runs as the `postgres` user.
 */
export class PrivateCluster {
  readonly url: string;
  readonly #dir: string;
  readonly #port: number;
  readonly #asUser: string[];

  private constructor(dir: string, port: number, asUser: string[]) {
    this.#dir = dir;
    this.#port = port;
    this.#asUser = asUser;
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  /** Why a private cluster cannot run here, or undefined when it can. */
  static unavailable(): string | undefined {
    for (const tool of ['initdb', 'pg_ctl'])
      if (!existsSync(join(pgBin, tool)))
        return `no ${tool} in ${pgBin} (set PG_BIN to PostgreSQL's bin folder)`;
    if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser'))
      return 'running as root, and initdb refuses root: no runuser to run it as the postgres user';
    return undefined;
  }

  static async start(): Promise<PrivateCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'tokenos-pg-'));
    let asUser: string[] = [];
    if (process.getuid?.() === 0) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      await chown(dir, uid, gid);
      asUser = ['/usr/sbin/runuser', '-u', 'postgres', '--'];
    }
    const cluster = new PrivateCluster(dir, await freePort(), asUser);
    try {
      await cluster.#run('initdb', [
        '-D',
        cluster.#data,
        '-U',
        'postgres',
        '-A',
        'trust',
        '--no-sync',
        '-E',
        'UTF8',
      ]);
      await cluster.startServer();
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    return cluster;
  }

  get #data(): string {
    return join(this.#dir, 'data');
  }

  async #run(tool: string, args: string[]): Promise<void> {
    const [command, ...rest] = [...this.#asUser, join(pgBin, tool), ...args];
    await run(command!, rest, { timeout: 60_000 });
  }

  /** Starts the server and waits until it accepts connections. */
  async startServer(): Promise<void> {
    // Its socket folder is its own, and fsync is off: this cluster's data is thrown away.
    const options = `-p ${this.#port} -k ${this.#dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    await this.#run('pg_ctl', ['-D', this.#data, '-l', join(this.#dir, 'log'), '-o', options, '-w', 'start']);
  }

  /** Stops the server the way an operator restarting it does (fast: open sessions are ended). */
  async stopServer(): Promise<void> {
    await this.#run('pg_ctl', ['-D', this.#data, '-m', 'fast', '-w', 'stop']);
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    await this.#run('pg_ctl', ['-D', this.#data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(this.#dir, { recursive: true, force: true });
  }
}
