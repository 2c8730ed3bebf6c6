// A tiny history router: the location is an external store (popstate plus our own event), read
// with useSyncExternalStore, so every component sees the same location without a context.
import { useMemo, useSyncExternalStore } from 'react';

const navigateEvent = 'wallet:navigate';
let navigatedInApp = false;

function subscribe(onChange: () => void): () => void {
  const onPop = (): void => {
    navigatedInApp = true;
    onChange();
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener(navigateEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onPop);
    window.removeEventListener(navigateEvent, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface AppLocation {
  pathname: string;
  searchParams: URLSearchParams;
}

export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(current, window.location.origin);
    return { pathname: url.pathname, searchParams: url.searchParams };
  }, [current]);
}

/** True once the user has moved between screens, so screens move focus only after a navigation. */
export function hasNavigatedInApp(): boolean {
  return navigatedInApp;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url);
    return;
  }
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  navigatedInApp = true;
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(navigateEvent));
}
