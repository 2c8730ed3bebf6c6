/// <reference lib="dom" />
// What the wallet keeps of its keys in the browser, read back the way any script on the page could
// read it, and a record of every WebCrypto call that could let a private key into script memory.
import type { BrowserContext, Page } from '@playwright/test';

/** The database the wallet keeps its CryptoKeys in (apps/wallet/src/wallet/member.ts). */
export const keyDatabase = 'token-wallet-signing-keys';
/** Where wallets kept AES-wrapped key bytes before; gone once they moved. */
export const legacyKeyDatabase = 'token-wallet-keys';

export interface StoredWalletKey {
  memberId: string;
  id: string;
  algorithm: string;
  level: string;
  /** base64url */
  publicKey: string;
  isCryptoKey: boolean;
  type: string;
  extractable: boolean;
  usages: string[];
  cryptoAlgorithm: string;
  /** What `crypto.subtle.exportKey` answered for pkcs8, jwk and raw: an error name, or 'exported'. */
  exports: string[];
  /** base64url of `crypto.subtle.sign` over the message asked for, with the stored key. */
  signature: string;
}

/** Every key record in the wallet's key database, each asked to export itself and to sign `message`. */
export function readWalletKeys(page: Page, message: string): Promise<StoredWalletKey[]> {
  return page.evaluate(
    async ({ database, message }) => {
      const b64url = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes))
          .replaceAll('+', '-')
          .replaceAll('/', '_')
          .replace(/=+$/, '');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(database);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const records = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const r = db.transaction('keys').objectStore('keys').getAll();
        r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
        r.onerror = () => reject(r.error);
      });
      db.close();
      const out = [];
      for (const r of records) {
        const key = r.privateKey as CryptoKey;
        const exports: string[] = [];
        for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
          try {
            await crypto.subtle.exportKey(format, key);
            exports.push('exported');
          } catch (e) {
            exports.push(e instanceof DOMException ? e.name : String(e));
          }
        }
        const params =
          key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: key.algorithm.name };
        const signature = new Uint8Array(
          await crypto.subtle.sign(params, key, new TextEncoder().encode(message)),
        );
        out.push({
          memberId: String(r.memberId),
          id: String(r.id),
          algorithm: String(r.algorithm),
          level: String(r.level),
          publicKey: b64url(r.publicKey as Uint8Array),
          isCryptoKey: key instanceof CryptoKey,
          type: key.type,
          extractable: key.extractable,
          usages: [...key.usages].sort(),
          cryptoAlgorithm: key.algorithm.name,
          exports,
          signature: b64url(signature),
        });
      }
      return out;
    },
    { database: keyDatabase, message },
  );
}

/** The names of the IndexedDB databases the page's origin has. */
export function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

export interface SubtleCall {
  call: 'generateKey' | 'importKey' | 'exportKey';
  algorithm: string;
  format?: string;
  extractable?: boolean;
  /** importKey: a JWK with a private member `d`. exportKey: the key asked to export is private. */
  private?: boolean;
}

/**
 * Records, in every page of the context, each WebCrypto call through which a private key could
 * reach script: generating a key (extractable or not), importing one (a PKCS#8 or a JWK with `d`
 * means the private bytes were in script), exporting one. Call before the pages open.
 */
export async function auditSubtle(context: BrowserContext): Promise<SubtleCall[]> {
  const calls: SubtleCall[] = [];
  await context.exposeFunction('reportSubtleCall', (call: SubtleCall) => {
    calls.push(call);
  });
  await context.addInitScript(() => {
    type Method = (this: SubtleCrypto, ...args: unknown[]) => Promise<unknown>;
    const proto = SubtleCrypto.prototype as unknown as Record<
      'generateKey' | 'importKey' | 'exportKey',
      Method
    >;
    const report = (call: SubtleCall) =>
      (window as unknown as { reportSubtleCall: (c: SubtleCall) => Promise<void> }).reportSubtleCall(call);
    const name = (a: unknown) => String(typeof a === 'string' ? a : (a as { name?: unknown } | null)?.name);
    const { generateKey, importKey, exportKey } = proto;
    proto.generateKey = function (...args) {
      void report({ call: 'generateKey', algorithm: name(args[0]), extractable: args[1] === true });
      return generateKey.apply(this, args);
    };
    proto.importKey = function (...args) {
      const [format, data] = args;
      const privateJwk = format === 'jwk' && typeof data === 'object' && data !== null && 'd' in data;
      void report({
        call: 'importKey',
        algorithm: name(args[2]),
        format: String(format),
        extractable: args[3] === true,
        private: format === 'pkcs8' || privateJwk,
      });
      return importKey.apply(this, args);
    };
    proto.exportKey = function (...args) {
      const key = args[1] as CryptoKey;
      void report({
        call: 'exportKey',
        algorithm: key.algorithm.name,
        format: String(args[0]),
        private: key.type === 'private',
      });
      return exportKey.apply(this, args);
    };
  });
  return calls;
}

/** Makes the context's WebCrypto refuse Ed25519, as a browser without it does (before Chrome 137). */
export async function withoutEd25519(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Method = (this: SubtleCrypto, ...args: unknown[]) => Promise<unknown>;
    const proto = SubtleCrypto.prototype as unknown as Record<'generateKey' | 'importKey', Method>;
    const isEd25519 = (a: unknown) =>
      (typeof a === 'string' ? a : (a as { name?: unknown } | null)?.name) === 'Ed25519';
    const { generateKey, importKey } = proto;
    proto.generateKey = function (...args) {
      if (isEd25519(args[0]))
        return Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
      return generateKey.apply(this, args);
    };
    proto.importKey = function (...args) {
      if (isEd25519(args[2]))
        return Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
      return importKey.apply(this, args);
    };
  });
}

/**
 * Private key material in the forms it could travel in: a JWK with `d` anywhere in a JSON body,
 * or the DER header of a PKCS#8 private key (Ed25519 or P-256) in hex, base64 or base64url.
 * Returns what was found, by request.
 */
export function privateKeyMaterial(sent: { url: string; body: string }[]): string[] {
  const pkcs8Headers = [
    '302e020100300506032b657004220420',
    '308187020100301306072a8648ce3d020106082a8648ce3d030107',
  ];
  const forms = pkcs8Headers.flatMap((hex) => {
    const bytes = Buffer.from(hex, 'hex');
    // A header cut at a 3-byte boundary encodes the same in base64 wherever the key starts.
    const aligned = bytes.subarray(0, bytes.length - (bytes.length % 3));
    return [hex, aligned.toString('base64'), aligned.toString('base64url')];
  });
  const found: string[] = [];
  const hasPrivateJwk = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(hasPrivateJwk);
    if (typeof value !== 'object' || value === null) return false;
    if ('kty' in value && 'd' in value) return true;
    return Object.values(value).some(hasPrivateJwk);
  };
  for (const { url, body } of sent) {
    for (const form of forms)
      if (body.includes(form) || url.includes(form)) found.push(`${url}: PKCS#8 ${form}`);
    try {
      if (hasPrivateJwk(JSON.parse(body))) found.push(`${url}: a JWK with d`);
    } catch {
      // Not JSON: the PKCS#8 check above covers it.
    }
  }
  return found;
}
