import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url } from '@tokenos/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPersonalDataKeyFile } from './keys.ts';

const dirs: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const random = (n: number) => new Uint8Array(randomBytes(n));

describe('the personal-data key file', () => {
  it('is made once, readable by its owner only, and every later start reads the same key', () => {
    const path = join(folder(), 'data', 'personal-data-keys.json');
    const first = loadPersonalDataKeyFile(path, random);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadPersonalDataKeyFile(path, random);
    expect(again.activeKeyId).toBe(first.activeKeyId);
    expect(again.keys.get(again.activeKeyId)).toEqual(first.keys.get(first.activeKeyId));
  });

  it('when another cloud process makes it at the same moment, both end up with that one key', () => {
    const dir = folder();
    const path = join(dir, 'personal-data-keys.json');
    const winner = { active: 'winner', keys: { winner: base64url(random(32)) } };
    let raced = false;
    // The other process writes its file after this one looked and before it links its own.
    const racing = (n: number) => {
      if (!raced) {
        raced = true;
        writeFileSync(path, JSON.stringify(winner), { mode: 0o600 });
      }
      return random(n);
    };
    const loaded = loadPersonalDataKeyFile(path, racing);
    expect(loaded.activeKeyId).toBe('winner');
    expect(base64url(loaded.keys.get('winner')!)).toBe(winner.keys.winner);
    // Nothing left lying about.
    expect(readdirSync(dir)).toEqual(['personal-data-keys.json']);
  });
});
