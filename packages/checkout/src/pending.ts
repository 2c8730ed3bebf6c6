import { isExactOrigin, isNonce, isRequestId } from './message.ts';

/**
 * A checkout that left the page by redirect, kept in sessionStorage (this tab only) until the
 * shopper returns: the nonce never leaves the tab except in the URL given to the wallet.
 */
export interface Pending {
  requestId: string;
  nonce: string;
  walletOrigin: string;
  cloudUrl: string;
  createdAt: number;
}

export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const prefix = 'tokenos-checkout:';
/** Requests live 15 minutes by default; a pending checkout is dropped after an hour. */
export const pendingMaxAgeMs = 60 * 60_000;

export function savePending(storage: PendingStorage, pending: Pending): void {
  storage.setItem(prefix + pending.requestId, JSON.stringify(pending));
}

export function removePending(storage: PendingStorage, requestId: string): void {
  storage.removeItem(prefix + requestId);
}

function parsePending(text: string | null): Pending | undefined {
  if (text === null) return undefined;
  try {
    const p: unknown = JSON.parse(text);
    if (typeof p !== 'object' || p === null) return undefined;
    const { requestId, nonce, walletOrigin, cloudUrl, createdAt } = p as Record<string, unknown>;
    if (
      isRequestId(requestId) &&
      isNonce(nonce) &&
      isExactOrigin(walletOrigin) &&
      typeof cloudUrl === 'string' &&
      typeof createdAt === 'number'
    )
      return { requestId, nonce, walletOrigin, cloudUrl, createdAt };
  } catch {
    // Not ours or damaged: treated as absent.
  }
  return undefined;
}

export function loadPending(storage: PendingStorage, requestId: string): Pending | undefined {
  return isRequestId(requestId) ? parsePending(storage.getItem(prefix + requestId)) : undefined;
}

/** Every pending checkout younger than pendingMaxAgeMs; older ones are removed. */
export function listPending(storage: PendingStorage, now: number): Pending[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  const out: Pending[] = [];
  for (const key of keys) {
    const p = parsePending(storage.getItem(key));
    if (p && now - p.createdAt < pendingMaxAgeMs && now >= p.createdAt) out.push(p);
    else storage.removeItem(key);
  }
  return out;
}
