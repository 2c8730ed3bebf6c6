import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Records by id in memory, written to one JSON file after each change: the whole map to a
 * temporary file renamed over the old one (atomic), one write at a time in the order of the
 * changes. Without a path it only keeps them in memory. Subclasses add their queries.
 */
export class JsonFileMap<T extends { id: string }> {
  readonly #items = new Map<string, T>();
  readonly #path: string | undefined;
  #writing: Promise<void> = Promise.resolve();

  protected constructor(path: string | undefined) {
    this.#path = path;
  }

  /** Reads the file, when there is one (a missing file is an empty map). */
  protected async load(): Promise<this> {
    if (!this.#path) return this;
    try {
      for (const item of JSON.parse(await readFile(this.#path, 'utf8')) as T[])
        this.#items.set(item.id, item);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return this;
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  protected values(): T[] {
    return [...this.#items.values()];
  }

  async put(item: T): Promise<void> {
    this.#items.set(item.id, item);
    const path = this.#path;
    if (!path) return;
    const snapshot = JSON.stringify([...this.#items.values()], null, 2);
    this.#writing = this.#writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.tmp`, snapshot);
        await rename(`${path}.tmp`, path);
      });
    await this.#writing;
  }
}
