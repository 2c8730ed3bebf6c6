// When a popup would serve the shopper badly, the checkout goes to the wallet by a full-page
// redirect instead: on small screens (a popup covers everything and is hard to get back from) and
// inside in-app browsers (their web views drop popups or open them in a sheet with no opener).

/** Below this width (CSS px) a popup is no better than a full page. */
export const smallScreenWidth = 500;

// Web views of apps that open links inside themselves. User-agent sniffing is a heuristic; it only
// chooses the redirect path, which works everywhere, so a false positive costs nothing but a popup.
const inAppBrowser =
  /\b(FBAN|FBAV|FB_IAB|FBIOS|Instagram|Line\/|MicroMessenger|Twitter|Snapchat|TikTok|musical_ly|BytedanceWebview|Pinterest|LinkedInApp|GSA\/|KAKAOTALK|Telegram)|; wv\)/i;

export function isInAppBrowser(userAgent: string): boolean {
  return inAppBrowser.test(userAgent);
}

export interface Environment {
  /** window.innerWidth */
  viewportWidth: number;
  /** screen.width; a narrow window on a wide screen can still hold a popup. */
  screenWidth: number;
  userAgent: string;
}

export type RedirectReason = 'small-screen' | 'in-app-browser';

/** Why this environment should use the redirect path, or undefined when a popup fits. */
export function redirectReason(env: Environment): RedirectReason | undefined {
  if (isInAppBrowser(env.userAgent)) return 'in-app-browser';
  if (Math.min(env.viewportWidth, env.screenWidth) < smallScreenWidth) return 'small-screen';
  return undefined;
}

/** Popup window features: centred over the merchant page, the size of a phone screen. */
export function popupFeatures(win: {
  screenX: number;
  screenY: number;
  outerWidth: number;
  outerHeight: number;
}): string {
  const width = 440;
  const height = 720;
  const left = Math.max(0, Math.round(win.screenX + (win.outerWidth - width) / 2));
  const top = Math.max(0, Math.round(win.screenY + (win.outerHeight - height) / 2));
  return `popup,width=${width},height=${height},left=${left},top=${top}`;
}
