// A checkout's detour: the approval sends a new shopper through setup and the bank's consent page
// and back. On those screens the wallet shows no navigation of its own, so the popup (or the tab,
// on a phone) stays one task: finish, then pay. The bank's return lands on /linked with no `next`
// in its URL, so leaving for the bank marks the tab (sessionStorage) until the approval is back.
import { normalizePath, routes, safeNextPath } from './routes.ts';

const key = 'wallet:checkout-detour';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function markDetour(): void {
  storage()?.setItem(key, '1');
}

export function endDetour(): void {
  storage()?.removeItem(key);
}

/** Is this screen part of a checkout (the approval itself, or a step that returns to it)? */
export function inCheckout(pathname: string, next: string | null): boolean {
  const path = normalizePath(pathname);
  if (path === routes.approve) return true;
  if (safeNextPath(next)?.startsWith(`${routes.approve}?`)) return true;
  return path === routes.linked && storage()?.getItem(key) === '1';
}
