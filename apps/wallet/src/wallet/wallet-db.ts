// The wallet's own records in IndexedDB (the keys live in the SDK's IndexedDbKeyStore, in a
// database of their own). Nothing here is secret: the member id, the alias salts, the linked
// accounts as the bank's signed link names them (masked numbers only), and names of apps the user
// dealt with. Records are checked when read back, like anything that comes from outside.
import type { LinkedAccount } from '@tokenos/protocol';
import { type LogDeliveryRecord, parseDeliveryRecords } from './log-delivery.ts';

const databaseName = 'token-wallet';
const store = 'records';

export interface EmailAlias {
  address: string;
  /** The salt of the alias commitment in the directory; without it the alias can't be verified again. */
  salt: string;
  verificationId?: string;
  /** When the current code expires (epoch ms). */
  codeExpiresAt?: number;
  verifiedAt?: number;
}

export interface WalletRecord {
  memberId: string;
  createdAt: number;
  /** Passkeys registered on this device, newest last. */
  passkeys: { credentialId: string; createdAt: number }[];
  email?: EmailAlias;
  /** The user chose to add an email later. */
  emailSkipped?: boolean;
}

export interface BankLinkRecord {
  bankId: string;
  /** The configured bank (id and name) the user picked. */
  bankKey: string;
  bankName: string;
  accounts: LinkedAccount[];
  linkedAt: number;
}

export interface PendingLink {
  state: string;
  bankKey: string;
  createdAt: number;
  /** Where to go once linked (a wallet path). */
  next?: string;
}

export interface AppRecord {
  memberId: string;
  name: string;
  domain: string;
  domainVerified: boolean;
}

interface Records {
  wallet: WalletRecord;
  links: BankLinkRecord[];
  'pending-links': PendingLink[];
  apps: AppRecord[];
  'log-deliveries': LogDeliveryRecord[];
}

let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        opened = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('cannot open the wallet database'));
  });
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

async function read<K extends keyof Records>(key: K): Promise<unknown> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = db.transaction(store, 'readonly').objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function write<K extends keyof Records>(key: K, value: Records[K]): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  notifyOtherTabs(key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWalletRecord(value: unknown): value is WalletRecord {
  return (
    isObject(value) &&
    typeof value.memberId === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value.memberId) &&
    typeof value.createdAt === 'number' &&
    Array.isArray(value.passkeys) &&
    value.passkeys.every((p) => isObject(p) && typeof p.credentialId === 'string')
  );
}

export async function loadWallet(): Promise<WalletRecord | undefined> {
  const value = await read('wallet');
  return isWalletRecord(value) ? value : undefined;
}

export function saveWallet(wallet: WalletRecord): Promise<void> {
  return write('wallet', wallet);
}

/** Linked banks as stored; the screens re-check each account against the protocol schema. */
export async function loadLinks(): Promise<BankLinkRecord[]> {
  const value = await read('links');
  if (!Array.isArray(value)) return [];
  return value.filter(
    (l): l is BankLinkRecord =>
      isObject(l) &&
      typeof l.bankId === 'string' &&
      typeof l.bankKey === 'string' &&
      typeof l.bankName === 'string' &&
      Array.isArray(l.accounts),
  );
}

/** Adds or replaces the link for one bank (a bank's newer link supersedes its older one). */
export async function saveLink(link: BankLinkRecord): Promise<void> {
  const links = (await loadLinks()).filter((l) => l.bankId !== link.bankId);
  await write('links', [...links, link]);
}

export async function removeLink(bankId: string): Promise<void> {
  await write(
    'links',
    (await loadLinks()).filter((l) => l.bankId !== bankId),
  );
}

/** A link the user started: the consent page must come back with this `state` (CSRF, RFC 6749 §10.12). */
export async function addPendingLink(pending: PendingLink): Promise<void> {
  const value = await read('pending-links');
  const list = Array.isArray(value) ? (value as PendingLink[]) : [];
  // Keep the last few, so an abandoned attempt does not linger for ever.
  await write('pending-links', [...list.slice(-4), pending]);
}

/** Takes the pending link with this state out of the list: a state works once. */
export async function takePendingLink(state: string): Promise<PendingLink | undefined> {
  const value = await read('pending-links');
  const list = Array.isArray(value) ? (value as unknown[]).filter(isObject) : [];
  const found = list.find((p) => p.state === state);
  await write('pending-links', list.filter((p) => p.state !== state) as unknown as PendingLink[]);
  if (!found || typeof found.bankKey !== 'string' || typeof found.createdAt !== 'number') return undefined;
  return {
    state,
    bankKey: found.bankKey,
    createdAt: found.createdAt,
    ...(typeof found.next === 'string' ? { next: found.next } : {}),
  };
}

export async function loadApps(): Promise<AppRecord[]> {
  const value = await read('apps');
  if (!Array.isArray(value)) return [];
  return value.filter(
    (a): a is AppRecord =>
      isObject(a) &&
      typeof a.memberId === 'string' &&
      typeof a.name === 'string' &&
      typeof a.domain === 'string' &&
      typeof a.domainVerified === 'boolean',
  );
}

/** Remembers how an app or shop introduced itself, to name it in Activity and Connected apps. */
export async function rememberApp(app: AppRecord): Promise<void> {
  const apps = (await loadApps()).filter((a) => a.memberId !== app.memberId);
  await write('apps', [...apps, app]);
}

/** Per linked bank, the head of the member's log the bank confirmed last, or a change still pending. */
export async function loadLogDeliveries(): Promise<LogDeliveryRecord[]> {
  return parseDeliveryRecords(await read('log-deliveries'));
}

export function saveLogDeliveries(records: LogDeliveryRecord[]): Promise<void> {
  return write('log-deliveries', records);
}

// Other tabs (a payment popup, say) hear about changes and reload what they show.
const channelName = 'token-wallet';
let channel: BroadcastChannel | undefined;

function notifyOtherTabs(key: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(channelName);
  channel.postMessage({ type: 'changed', key });
}

export function onOtherTabChange(listener: (key: string) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const own = new BroadcastChannel(channelName);
  own.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (isObject(data) && data.type === 'changed' && typeof data.key === 'string') listener(data.key);
  };
  return () => own.close();
}
