// The signed-in member for screens: one CloudClient through this origin's /api relay (RFC 9421
// signatures cover method, path, query and body, all of which the relay keeps), and the keys in
// IndexedDB. Only lazily loaded screens import this module, so the SDK stays out of the first load.
import { CloudClient, IndexedDbKeyStore, Member, WebCryptoKeyStore } from '@tokenos/sdk';
import { useMemo } from 'react';
import { useReadyWallet } from './WalletProvider.tsx';

/** The database the wallet's keys live in, as non-extractable CryptoKeys (an e2e test inspects it). */
export const keyDatabaseName = 'token-wallet-signing-keys';
/** Where wallets kept their keys before, as AES-GCM-wrapped bytes: moved out on first use, then deleted. */
export const legacyKeyDatabaseName = 'token-wallet-keys';

let client: CloudClient | undefined;
let keyStore: WebCryptoKeyStore | undefined;
let member: Member | undefined;

export function cloudClient(): CloudClient {
  client ??= new CloudClient({ baseUrl: window.location.origin });
  return client;
}

/** The old key database, if this browser has one (opening one that is not there would create it). */
async function legacyKeyStore(): Promise<IndexedDbKeyStore | undefined> {
  if (typeof indexedDB.databases === 'function') {
    // A browser that cannot list them: open it, move nothing, and delete it.
    const names = await indexedDB.databases().then(
      (list) => list.map((d) => d.name),
      () => [legacyKeyDatabaseName],
    );
    if (!names.includes(legacyKeyDatabaseName)) return undefined;
  }
  return new IndexedDbKeyStore({ databaseName: legacyKeyDatabaseName });
}

/**
 * The member's keys. A wallet made before its keys were WebCrypto's has them moved in the first
 * time they are used after the update (on unlock, or on the first screen that signs).
 */
export function walletKeyStore(): WebCryptoKeyStore {
  keyStore ??= new WebCryptoKeyStore({ databaseName: keyDatabaseName, migrateFrom: legacyKeyStore });
  return keyStore;
}

export function memberFor(memberId: string): Member {
  if (member?.id !== memberId) member = new Member(memberId, cloudClient(), walletKeyStore());
  return member;
}

export function useMember(): Member {
  const { wallet } = useReadyWallet();
  return useMemo(() => memberFor(wallet.memberId), [wallet.memberId]);
}
