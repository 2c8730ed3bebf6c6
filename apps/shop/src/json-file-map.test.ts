import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileMap } from './json-file-map.ts';

interface Note {
  id: string;
  text: string;
}

class Notes extends JsonFileMap<Note> {
  static open(path?: string): Promise<Notes> {
    return new Notes(path).load();
  }
  all(): Note[] {
    return this.values();
  }
}

describe('JsonFileMap', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shop-json-map-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes every change in order, leaves no temporary file, and reads it all back', async () => {
    const path = join(dir, 'nested', 'notes.json');
    const notes = await Notes.open(path);
    expect(notes.all()).toEqual([]);
    // Many changes at once: the writes are serialized, so the file ends with the last state.
    await Promise.all(Array.from({ length: 20 }, (_, i) => notes.put({ id: `n${i % 5}`, text: `v${i}` })));
    expect(await readdir(join(dir, 'nested'))).toEqual(['notes.json']);
    const again = await Notes.open(path);
    expect(again.all()).toEqual(notes.all());
    expect(again.get('n4')).toEqual({ id: 'n4', text: 'v19' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveLength(5);
  });

  it('keeps records in memory only without a path, and refuses a file that is not JSON', async () => {
    const memory = await Notes.open();
    await memory.put({ id: 'a', text: 'x' });
    expect(memory.get('a')?.text).toBe('x');
    const path = join(dir, 'broken.json');
    await writeFile(path, '{not json');
    await expect(Notes.open(path)).rejects.toThrow(SyntaxError);
  });
});
