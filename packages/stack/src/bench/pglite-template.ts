import { rmSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '@tokenos/db';

let template: Promise<string> | undefined;

/**
 * Fills `dir` with a fresh, empty PGlite data folder. Creating one runs initdb in WASM, several
 * seconds each time; the benchmark needs one per service per configuration, so it creates one
 * template per run (removed at exit) and copies it, which takes a fraction of a second.
 */
export async function freshPgliteDir(dir: string): Promise<void> {
  template ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tokenos-bench-template-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const db = await openDb({ dataDir: folder });
    await db.close();
    return folder;
  })();
  await cp(await template, dir, { recursive: true });
}
