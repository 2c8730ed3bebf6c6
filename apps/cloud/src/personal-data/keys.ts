import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { base64url, fromBase64url } from '@tokenos/protocol';
import { z } from 'zod';

/**
 * The data keys personal data is encrypted under (AES-256-GCM). They come from the cloud's
 * configuration, never from its database: a dump of the database alone exposes no profile or
 * address. New records are sealed under the active key; records under an older key still open,
 * and are sealed again under the active one on their next write (rotation by key id).
 */
export interface PersonalDataKeys {
  activeKeyId: string;
  keys: ReadonlyMap<string, Uint8Array>;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

function checkedKey(name: string, keyId: string, secret: string): Uint8Array {
  if (!keyIdPattern.test(keyId))
    throw new RangeError(`${name}: key id ${JSON.stringify(keyId)} must be 1-32 characters of base64url`);
  const key = fromBase64url(secret, name);
  if (key.length !== 32)
    throw new RangeError(`${name}: key ${keyId} must be 32 bytes of base64url (AES-256), got ${key.length}`);
  return key;
}

/** PERSONAL_DATA_KEYS: "id:base64url,id:base64url,...", the first one active. */
export function parsePersonalDataKeys(text: string, name = 'PERSONAL_DATA_KEYS'): PersonalDataKeys {
  const keys = new Map<string, Uint8Array>();
  let activeKeyId: string | undefined;
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at <= 0) throw new RangeError(`${name}: expected "id:base64url", got an entry without an id`);
    const keyId = entry.slice(0, at);
    if (keys.has(keyId)) throw new RangeError(`${name}: key id ${keyId} appears twice`);
    keys.set(keyId, checkedKey(name, keyId, entry.slice(at + 1)));
    activeKeyId ??= keyId;
  }
  if (!activeKeyId) throw new RangeError(`${name}: expected at least one "id:base64url" key`);
  return { activeKeyId, keys };
}

const keyFileSchema = z.strictObject({
  active: z.string().regex(keyIdPattern),
  keys: z.record(z.string().regex(keyIdPattern), z.string()),
});

/**
 * A key file (JSON: { "active": id, "keys": { id: base64url } }), made with one random key on
 * first start and readable by its owner only. To rotate: add a key, make it active, restart.
 */
export function loadPersonalDataKeyFile(
  path: string,
  randomBytes: (n: number) => Uint8Array,
): PersonalDataKeys {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const keyId = base64url(randomBytes(6));
    const file = { active: keyId, keys: { [keyId]: base64url(randomBytes(32)) } };
    // Several cloud processes may start at once on one data folder (and must share one key): the
    // file appears whole or not at all (written aside, then hard-linked into place, which fails
    // if another process got there first), and whoever loses reads the winner's key.
    const aside = `${path}.${process.pid}.${base64url(randomBytes(6))}.tmp`;
    writeFileSync(aside, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(aside, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(aside);
    }
  }
  const name = `personal data key file ${path}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RangeError(`${name}: not JSON`, { cause: e });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new RangeError(`${name}: expected { "active": id, "keys": { id: base64url } }`);
  const keys = new Map<string, Uint8Array>();
  for (const [keyId, secret] of Object.entries(parsed.data.keys))
    keys.set(keyId, checkedKey(name, keyId, secret));
  if (!keys.has(parsed.data.active))
    throw new RangeError(`${name}: the active key ${parsed.data.active} is not listed`);
  return { activeKeyId: parsed.data.active, keys };
}

/**
 * From the environment: PERSONAL_DATA_KEYS, else the key file PERSONAL_DATA_KEY_FILE (default
 * beside the PGlite data folder, or data/personal-data-keys.json), made on first start.
 */
export function personalDataKeysFromEnv(
  env: Record<string, string | undefined>,
  randomBytes: (n: number) => Uint8Array,
): PersonalDataKeys {
  if (env.PERSONAL_DATA_KEYS) return parsePersonalDataKeys(env.PERSONAL_DATA_KEYS);
  const path =
    env.PERSONAL_DATA_KEY_FILE ??
    (env.CLOUD_DATA_DIR ? `${env.CLOUD_DATA_DIR}-personal-data-keys.json` : 'data/personal-data-keys.json');
  return loadPersonalDataKeyFile(path, randomBytes);
}

/** One random key held in memory only (tests; an app built without configured keys). */
export function ephemeralPersonalDataKeys(randomBytes: (n: number) => Uint8Array): PersonalDataKeys {
  return { activeKeyId: 'ephemeral', keys: new Map([['ephemeral', randomBytes(32)]]) };
}
