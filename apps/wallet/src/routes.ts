// The wallet's pages. Shared by the client router and the server, which answers unknown paths with
// the shell and a 404 status (the client then shows its not-found screen).
export const routes = {
  home: '/',
  setup: '/setup',
  approve: '/approve',
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
