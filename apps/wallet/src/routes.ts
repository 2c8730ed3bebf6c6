// The wallet's pages. Shared by the client router and the server, which answers unknown paths with
// the shell and a 404 status (the client then shows its not-found screen).
export const routes = {
  home: '/',
  setup: '/setup',
  pair: '/pair',
  claim: '/claim',
  approve: '/approve',
  link: '/link',
  linked: '/linked',
  activity: '/activity',
  grants: '/grants',
  memberTokens: '/member-tokens',
  profile: '/profile',
  security: '/security',
} as const;

export type RoutePath = (typeof routes)[keyof typeof routes];

const known: ReadonlySet<string> = new Set(Object.values(routes));

/** `/setup/` and `/setup` are the same page. */
export function normalizePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname;
}

export function isRoutePath(pathname: string): pathname is RoutePath {
  return known.has(normalizePath(pathname));
}

/**
 * A path inside the wallet to come back to (`?next=`), or undefined: only same-origin paths of
 * known pages, so a link can never send the user elsewhere after setup.
 */
export function safeNextPath(value: string | null | undefined): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  let url: URL;
  try {
    url = new URL(value, 'http://wallet.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://wallet.invalid' || !isRoutePath(url.pathname)) return undefined;
  return url.pathname + url.search;
}
