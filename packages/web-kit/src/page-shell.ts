import { createTranslator, type Locale, localeNames, locales } from '@tokenos/i18n';
import { Html, html } from './html.ts';
import { localTimeScript } from './local-time.ts';
import { pageShellMessages } from './page-shell.messages.ts';
import { baseStylesheet } from './static-files.ts';

/** What a site's page layout fills in; the rest of the document is the same on every site. */
export interface PageShell {
  /** The site's name: the brand in the header and the end of the title. */
  siteName: string;
  title: string;
  /** The site's own stylesheet in /static, loaded after the base one so it can set the palette. */
  stylesheet: string;
  /** Scripts of this page, in order (all external: the CSP allows no inline script). */
  scripts?: Html;
  /** What the header shows after the brand: navigation, a tagline. */
  header?: Html;
  footer: Html | string;
  /** The page's language (`c.get('locale')`); English when left out. */
  locale?: Locale;
}

/** Links to the same page in every language we ship, each named in itself. */
function languageLinks(current: Locale): Html {
  const t = createTranslator(pageShellMessages, current);
  return html`<nav class="languages" aria-label="${t('language')}"><ul>${locales.map(
    (l) =>
      html`<li><a href="?lang=${l}" lang="${l}" hreflang="${l}"${l === current ? new Html(' aria-current="true"') : ''}>${localeNames[l]}</a></li>`,
  )}</ul></nav>`;
}

/**
 * A whole HTML document: a skip link to the main content (WCAG 2.4.1), the site header, the body
 * in `<main>`, the footer. No inline script or style anywhere, so the strict CSP holds.
 */
export function renderPage(shell: PageShell, body: Html): string {
  const locale = shell.locale ?? 'en';
  const t = createTranslator(pageShellMessages, locale);
  return `<!doctype html>${
    html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shell.title} · ${shell.siteName}</title>
<link rel="stylesheet" href="/static/${baseStylesheet}">
<link rel="stylesheet" href="/static/${shell.stylesheet}">
<link rel="icon" href="data:,">
<script src="/static/${localTimeScript}" defer></script>
${shell.scripts}
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header class="site">
  <a class="brand" href="/"><span class="mark" aria-hidden="true"></span>${shell.siteName}</a>
  ${shell.header}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><p>${shell.footer}</p>${languageLinks(locale)}</footer>
</body>
</html>`.text
  }`;
}
