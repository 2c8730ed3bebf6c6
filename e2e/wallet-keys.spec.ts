/// <reference lib="dom" />
// The wallet's keys are WebCrypto's: non-extractable CryptoKeys in IndexedDB that sign through
// crypto.subtle.sign and that no script can read (issue 15, item 1). Three wallets, each in its own
// browser profile: a new one with Ed25519 (Chromium has it), a new one in a browser without
// Ed25519 (P-256), and one made the old way, whose wrapped key bytes move into WebCrypto on first use.
import { type Browser, type BrowserContext, expect, type Page, type Request, test } from '@playwright/test';
import { fromBase64url, getSignatureBackend, utf8 } from '@tokenos/protocol';
import { CloudClient, fetchVerifiedMember, Member, MemoryKeyStore } from '@tokenos/sdk';
import {
  auditSubtle,
  databaseNames,
  legacyKeyDatabase,
  privateKeyMaterial,
  readWalletKeys,
  type StoredWalletKey,
  withoutEd25519,
} from './helpers/wallet-keys.ts';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';
import { stackUrls } from './stack.ts';

const { wallet, cloud } = stackUrls();
test.skip(!cloud, 'the key checks need the cloud');

const backend = getSignatureBackend();
const probe = 'a message the key signs in the browser';

interface Opened {
  context: BrowserContext;
  page: Page;
  sent: { url: string; body: string }[];
}

async function open(browser: Browser, prepare?: (c: BrowserContext) => Promise<void>): Promise<Opened> {
  const context = await browser.newContext({ baseURL: wallet });
  await prepare?.(context);
  const page = await context.newPage();
  const sent: Opened['sent'] = [];
  page.on('request', (request: Request) => sent.push({ url: request.url(), body: request.postData() ?? '' }));
  page.on('pageerror', (error) => console.error(`wallet page error: ${error.message}`));
  await addVirtualAuthenticator(page);
  return { context, page, sent };
}

/** The setup screens as a person goes through them: keys, a passkey, the email skipped. */
async function createWallet(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create wallet' }).click();
  await page.getByRole('button', { name: 'Create my keys' }).click();
  await page.getByRole('button', { name: 'Add a passkey' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Skip for now' }).click({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet is ready' })).toBeVisible({
    timeout: 20_000,
  });
}

/**
 * Every stored key is a private CryptoKey nobody can export, it signs, and it is the key the
 * directory holds: its browser signature verifies, in Node, with the protocol's verify under the
 * directory's public key for it.
 */
async function expectKeysInWebCrypto(keys: StoredWalletKey[], cryptoAlgorithm: 'Ed25519' | 'ECDSA') {
  expect(keys.map((k) => k.level).sort()).toEqual(['LOW', 'PRIVILEGED', 'STANDARD']);
  const memberId = keys[0]?.memberId ?? '';
  expect(new Set(keys.map((k) => k.memberId))).toEqual(new Set([memberId]));
  const directory = await fetchVerifiedMember(new CloudClient({ baseUrl: cloud ?? '' }), memberId);
  for (const key of keys) {
    expect(key).toMatchObject({
      isCryptoKey: true,
      type: 'private',
      extractable: false,
      usages: ['sign'],
      cryptoAlgorithm,
      algorithm: cryptoAlgorithm === 'ECDSA' ? 'P-256' : 'Ed25519',
    });
    expect(key.exports).toEqual(['InvalidAccessError', 'InvalidAccessError', 'InvalidAccessError']);
    const entry = directory.keys.find((k) => k.id === key.id);
    expect(entry?.publicKey).toBe(key.publicKey);
    expect(
      await backend.verify(
        entry?.algorithm ?? 'Ed25519',
        fromBase64url(entry?.publicKey ?? ''),
        utf8(probe),
        fromBase64url(key.signature),
      ),
    ).toBe(true);
  }
  return memberId;
}

test('a new wallet keeps Ed25519 keys no script can read, and no request carries a private key', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  let calls: Awaited<ReturnType<typeof auditSubtle>> = [];
  const { context, page, sent } = await open(browser, async (c) => {
    calls = await auditSubtle(c);
  });
  try {
    await createWallet(page);
    // What the wallet itself asked of WebCrypto (this test's own export attempts come after).
    await expect
      .poll(() => calls.filter((c) => c.call === 'generateKey' && c.algorithm === 'Ed25519').length)
      .toBeGreaterThanOrEqual(3);
    const setup = [...calls];

    // The private keys were born inside WebCrypto, non-extractable, and never left it: no private
    // key was generated extractable, imported from bytes or a JWK, or asked to export itself. So no
    // script value ever held one, and no request can have carried one...
    const signingKeys = setup.filter((c) => c.call === 'generateKey' && c.algorithm === 'Ed25519');
    expect(signingKeys.every((c) => c.extractable === false)).toBe(true);
    expect(setup.filter((c) => c.call === 'importKey' && c.private)).toEqual([]);
    expect(setup.filter((c) => c.call === 'exportKey' && c.private)).toEqual([]);
    // ...which the requests themselves bear out: setup sent several signed bodies, and none has a
    // PKCS#8 private key or a JWK with its private member.
    expect(sent.filter((r) => r.body.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(privateKeyMaterial(sent)).toEqual([]);

    const keys = await readWalletKeys(page, probe);
    await expectKeysInWebCrypto(keys, 'Ed25519');
    expect(await databaseNames(page)).not.toContain(legacyKeyDatabase);
    // The audit sees what a script does: this test's own export attempts were recorded, and refused.
    await expect
      .poll(() => calls.filter((c) => c.call === 'exportKey' && c.private).length)
      .toBe(3 * keys.length);
  } finally {
    await context.close();
  }
});

test('a browser without Ed25519 in WebCrypto gets P-256 keys the cloud accepts', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, sent } = await open(browser, withoutEd25519);
  try {
    // Creating the member and adding the passkey are signed requests the cloud verified.
    await createWallet(page);
    await expectKeysInWebCrypto(await readWalletKeys(page, probe), 'ECDSA');
    expect(privateKeyMaterial(sent)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a wallet from before: its wrapped key bytes become CryptoKeys on first use, and they still sign', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // The member made as the old wallet made it: secret bytes drawn in script (noble), registered.
  const legacy = new MemoryKeyStore();
  const member = await Member.create(new CloudClient({ baseUrl: cloud ?? '' }), legacy);
  const old = [];
  for (const key of await legacy.list(member.id)) {
    old.push({
      id: key.id,
      algorithm: key.algorithm,
      level: key.level,
      publicKey: [...key.publicKey],
      ...(key.expiresAt === undefined ? {} : { expiresAt: key.expiresAt }),
      secret: [...(await legacy.exportSecretKey(member.id, key.id))],
    });
  }

  const { context, page } = await open(browser);
  try {
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Create wallet' })).toBeVisible();
    // Written as IndexedDbKeyStore wrote it: each secret AES-GCM-encrypted under a non-extractable
    // key kept in the same database, bound to the key's id, algorithm and level.
    await page.evaluate(
      async ({ memberId, old, legacyName }) => {
        const done = (tx: IDBTransaction) =>
          new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        const keysDb = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(legacyName, 1);
          r.onupgradeneeded = () => {
            r.result
              .createObjectStore('keys', { keyPath: ['memberId', 'id'] })
              .createIndex('byMember', 'memberId');
            r.result.createObjectStore('wrapping');
          };
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const wrapping = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]);
        const records = [];
        for (const k of old) {
          const iv = crypto.getRandomValues(new Uint8Array(12));
          const ciphertext = await crypto.subtle.encrypt(
            {
              name: 'AES-GCM',
              iv,
              additionalData: new TextEncoder().encode(`tokenos-key/v1|${k.id}|${k.algorithm}|${k.level}`),
              tagLength: 128,
            },
            wrapping,
            new Uint8Array(k.secret),
          );
          const { secret: _secret, ...rest } = k;
          records.push({ ...rest, memberId, publicKey: new Uint8Array(k.publicKey), iv, ciphertext });
        }
        const tx = keysDb.transaction(['keys', 'wrapping'], 'readwrite');
        tx.objectStore('wrapping').put(wrapping, 'default');
        for (const r of records) tx.objectStore('keys').put(r);
        await done(tx);
        keysDb.close();

        const walletDb = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('token-wallet');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const wtx = walletDb.transaction('records', 'readwrite');
        wtx.objectStore('records').put({ memberId, createdAt: Date.now(), passkeys: [] }, 'wallet');
        await done(wtx);
        walletDb.close();
      },
      { memberId: member.id, old, legacyName: legacyKeyDatabase },
    );
    expect(await databaseNames(page)).toContain(legacyKeyDatabase);

    // The first screen that uses the keys moves them; the old database is then deleted.
    await page.goto('/security');
    await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
    await expect.poll(() => databaseNames(page), { timeout: 15_000 }).not.toContain(legacyKeyDatabase);
    const keys = await readWalletKeys(page, probe);
    expect(await expectKeysInWebCrypto(keys, 'Ed25519')).toBe(member.id);
    expect(keys.map((k) => k.id).sort()).toEqual(old.map((k) => k.id).sort());

    // A signature the cloud checks, by a moved key: adding a passkey is signed with PRIVILEGED.
    await page.getByRole('button', { name: 'Add a passkey on this device' }).click();
    await expect
      .poll(async () => (await fetchVerifiedMember(member.client, member.id)).passkeys.length, {
        timeout: 20_000,
      })
      .toBe(1);
  } finally {
    await context.close();
  }
});
