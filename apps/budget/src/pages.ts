import { createTranslator, type Locale } from '@tokenos/i18n';
import { type Html, html, renderPage } from '@tokenos/web-kit';
import { pagesMessages } from './pages.messages.ts';
import { refusalWords } from './refusal-words.ts';

export interface Layout {
  appName: string;
  title: string;
  /** The page's language (`c.get('locale')`). */
  locale: Locale;
  scripts?: Html;
}

export function page(layout: Layout, body: Html): string {
  const t = createTranslator(pagesMessages, layout.locale);
  return renderPage(
    {
      siteName: layout.appName,
      title: layout.title,
      stylesheet: 'budget.css',
      scripts: layout.scripts,
      header: html`<span class="tagline">${t('tagline')}</span>`,
      footer: t('footer', { app: layout.appName }),
      locale: layout.locale,
    },
    body,
  );
}

/** The page's title in its language, for `page()`. */
export function pageTitle(
  key: 'connectTitle' | 'reconnectTitle' | 'unavailableTitle' | 'errorTitle',
  locale: Locale,
): string {
  return createTranslator(pagesMessages, locale)(key);
}

function connectBox(appName: string, days: number, reconnect: boolean, locale: Locale): Html {
  const t = createTranslator(pagesMessages, locale);
  const app = { app: appName };
  // What budget.js says when connecting fails, in the page's language (the script has no words).
  return html`<section class="connect" aria-labelledby="connect-heading">
  <h2 id="connect-heading">${t(reconnect ? 'reconnectHeading' : 'connectHeading')}</h2>
  <p>${t('asks', { ...app, days })}</p>
  <ul class="scopes">
    <li>${t('scopeAccounts')}</li>
    <li>${t('scopeBalances')}</li>
    <li>${t('scopeTransactions')}</li>
  </ul>
  <p class="muted">${t('neverMoves', app)}</p>
  <div id="token-connect" class="token-connect"></div>
  <p id="connect-message" class="connect-message" role="alert"
    data-expired="${t('refusedExpired', app)}"
    data-cancelled="${t('refusedCancelled')}"
    data-unchecked="${t('refusedUnchecked')}"
    data-wrong-request="${t('refusedWrongRequest')}"
    data-failed="${t('connectFailed', app)}"
    data-refusals="${JSON.stringify(refusalWords)}"
    data-widget-missing="${t('widgetMissing')}"
    data-not-started="${t('notStarted')}"></p>
</section>`;
}

export function welcomePage(appName: string, days: number, locale: Locale): Html {
  const t = createTranslator(pagesMessages, locale);
  return html`<h1>${t('welcomeHeading')}</h1>
<p class="lede">${t('welcomeLede', { app: appName })}</p>
${connectBox(appName, days, false, locale)}`;
}

export function endedPage(
  appName: string,
  days: number,
  reason: 'revoked' | 'expired',
  locale: Locale,
): Html {
  const t = createTranslator(pagesMessages, locale);
  return html`<h1>${t(reason === 'revoked' ? 'revokedHeading' : 'expiredHeading')}</h1>
<p class="lede" data-testid="grant-ended">${
    reason === 'revoked' ? t('revokedText', { app: appName }) : t('expiredText', { app: appName, days })
  }</p>
${connectBox(appName, days, true, locale)}`;
}

/** The bank did not answer, or the app failed: plain words and a way to try again. */
export function unavailablePage(reason: 'bank' | 'error', locale: Locale): Html {
  const t = createTranslator(pagesMessages, locale);
  return html`<h1>${t(reason === 'bank' ? 'unavailableHeading' : 'errorTitle')}</h1>
<p class="lede">${t(reason === 'bank' ? 'bankDidNotAnswer' : 'errorText')}</p>
<p><a class="button" href="/">${t('tryAgain')}</a></p>`;
}
