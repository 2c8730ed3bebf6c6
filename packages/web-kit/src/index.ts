export { escapeHtml, Html, type HtmlValue, html } from './html.ts';
export { localTime, localTimeScript } from './local-time.ts';
export { type PageShell, renderPage } from './page-shell.ts';
export { problem } from './problem.ts';
export { sameOriginWrites } from './same-origin.ts';
export { contentSecurityPolicy, securityHeaders } from './security-headers.ts';
export {
  type SessionCookie,
  type SessionCookieOptions,
  type SessionEnv,
  sessionCookie,
} from './session-cookie.ts';
export { SessionStore, type SessionStoreOptions, type StoredSession } from './session-store.ts';
export { createSiteApp, type SiteApp, type SiteAppOptions } from './site-app.ts';
export { exactOrigin, type SiteConfig } from './site-config.ts';
export { chooseLocale, type LocaleEnv, languageCookie, siteLanguage } from './site-language.ts';
export { type SiteState, siteRoutes } from './site-routes.ts';
export { fetchWidgetIntegrity, retry, SiteStartUp, serveSite } from './start-up.ts';
export { baseStylesheet, staticFiles } from './static-files.ts';
export { type WidgetScriptsOptions, widgetScripts } from './widget-scripts.ts';
