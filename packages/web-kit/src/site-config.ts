/** The settings every site has (each site's config adds its own). */
export interface SiteConfig {
  /** What users see and what the site tells the wallet it is, e.g. "Demo Shop". */
  name: string;
  /** The site's own origin, e.g. http://localhost:5174: its DOMAIN alias, the only postMessage target. */
  publicUrl: string;
  /** The token cloud, e.g. http://localhost:4000 (the backend's API and the widget's script). */
  cloudUrl: string;
  /** The wallet's exact origin, e.g. http://localhost:5173 (the widget accepts results from it only). */
  walletOrigin: string;
  /** The member's keys (keys.json) and the site's saved state. */
  dataDir: string;
}

/** `value` without trailing slashes, if that is an exact origin (scheme, host, port; no path). */
export function exactOrigin(value: string, variable: string, example: string): string {
  const trimmed = value.replace(/\/+$/, '');
  if (!URL.canParse(trimmed) || new URL(trimmed).origin !== trimmed)
    throw new RangeError(
      `${variable}: expected an exact origin such as ${example}, got ${JSON.stringify(value)}`,
    );
  return trimmed;
}
