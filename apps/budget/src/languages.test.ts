// The pages in the reader's language: chosen from the browser's Accept-Language (web-kit's
// siteLanguage), with money, dates and plurals as that language writes them.
import type { Locale } from '@tokenos/i18n';
import { ApiError } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import type { Dashboard, Row } from './dashboard.ts';
import { dashboardPage } from './dashboard-page.ts';
import { accounts, connected, now, setup, tx } from './testing/budget-app.ts';

const nbsp = '\u00a0';
const speaking = (language: string) => ({ headers: { 'accept-language': language } });

describe('in German', () => {
  it('the landing page, its connect box and the words budget.js will say', async () => {
    const { request } = setup();
    const res = await request('/', speaking('de-AT, de;q=0.9, en;q=0.5'));
    const page = await res.text();
    expect(res.headers.get('content-language')).toBe('de');
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('<title>Bank verbinden · Tally</title>');
    expect(page).toContain('<h1>Ihr ganzes Geld auf einen Blick</h1>');
    expect(page).toContain('Tally bittet Ihre Token-Wallet für 90 Tage um Lesezugriff auf:');
    expect(page).toContain('data-expired="Ihre Freigabe ist abgelaufen, bevor Tally sie nutzen konnte.');
    expect(page).toContain('<a class="skip" href="#main">Zum Inhalt springen</a>');
    expect(page).not.toContain('See all your money');
  });

  it('the dashboard: amounts, dates and counts as German writes them', async () => {
    const { request, cloud } = await connected();
    cloud.balanceRefused = true;
    const page = await (await request('/', speaking('de'))).text();
    expect(page).toContain('<h1>Ihr Geld</h1>');
    expect(page).toContain('Verbunden seit <time datetime="2026-11-22T12:00:00.000Z" data-local="datetime">');
    expect(page).toContain('2 Konten für Tally freigegeben');
    expect(page).toContain('3 Umsätze, neueste zuerst');
    expect(page).toContain(`−12,50${nbsp}€`);
    expect(page).toContain(`+1.500,00${nbsp}€`);
    expect(page).toContain('21.11.2026');
    expect(page).toContain('Kontostand nicht freigegeben');
    expect(page).toContain('<button class="button secondary" type="submit">Trennen</button>');
  });
});

describe('in Polish', () => {
  it('the dashboard: amounts, dates and counts as Polish writes them', async () => {
    const { request } = await connected();
    const page = await (await request('/', speaking('pl-PL'))).text();
    expect(page).toContain('<html lang="pl">');
    expect(page).toContain('<title>Twoje pieniądze · Tally</title>');
    expect(page).toContain('<h1>Twoje pieniądze</h1>');
    expect(page).toContain(`<span class="big">6487,50${nbsp}€</span>`);
    expect(page).toContain(`Wpływy (30 dni) 0,00${nbsp}€ · Wydatki 12,50${nbsp}€`);
    expect(page).toContain('2 konta udostępnione aplikacji Tally');
    expect(page).toContain('3 transakcje, od najnowszej');
    expect(page).toContain('21 lis 2026');
    expect(page).not.toContain('Your money');
  });

  it('a grant revoked in the wallet, said plainly, with the days in their plural form', async () => {
    const { request, cloud } = await connected();
    cloud.revoked.add(`${'G'.repeat(42)}1`);
    const page = await (await request('/', speaking('pl'))).text();
    expect(page).toContain('<h1>Połączenie z Twoim bankiem zostało wyłączone</h1>');
    expect(page).toContain('Cofnięto dostęp aplikacji Tally w Twoim portfelu Token');
    expect(page).toContain('o dostęp tylko do odczytu na 90 dni do:');
    expect(page).toContain('<h2 id="connect-heading">Połącz bank ponownie</h2>');
  });

  it('counts of accounts and transactions take one, few and many', () => {
    const row = (i: number): Row => ({ ...tx(`t${i}`, '1.00', 'DBIT', 1, `Coffee ${i}`), accountName: 'A' });
    const render = (accountCount: number, rowCount: number, locale: Locale = 'pl') => {
      const d: Dashboard = {
        accounts: Array.from({ length: accountCount }, (_, i) => ({ ...accounts[0]!, accountRef: `a${i}` })),
        totals: [{ currency: 'EUR', balance: '0.00', moneyIn: '0.00', moneyOut: '0.00' }],
        rows: Array.from({ length: rowCount }, (_, i) => row(i)),
      };
      return dashboardPage('Tally', d, now, locale).text;
    };
    expect(render(1, 1)).toContain('1 konto udostępnione aplikacji Tally');
    expect(render(1, 1)).toContain('1 transakcja, od najnowszej');
    expect(render(22, 4)).toContain('22 konta udostępnione aplikacji Tally');
    expect(render(22, 4)).toContain('4 transakcje, od najnowszej');
    expect(render(5, 12)).toContain('5 kont udostępnionych aplikacji Tally');
    expect(render(5, 12)).toContain('12 transakcji, od najnowszej');
    expect(render(1, 0)).toContain('Nie ma jeszcze transakcji.');
    // Past 100 the page shows the newest 100 and says so.
    const many = render(2, 1250);
    expect(many).toContain('Najnowsze 100 z 1250 transakcji');
    expect(many.match(/<tr>/g)).toHaveLength(101);
    expect(render(2, 1250, 'en')).toContain('The newest 100 of 1,250 transactions');
    expect(render(1, 1, 'en')).toContain('1 account shared with Tally');
  });
});

describe('when reading fails', () => {
  it('a bank that does not answer: plain words in Dutch, no developer detail', async () => {
    const { request, cloud } = await connected();
    cloud.failure = new ApiError(503, 'BankUnavailable', 'connector timed out after 5000 ms');
    const res = await request('/', speaking('nl-BE'));
    const page = await res.text();
    expect(res.status).toBe(503);
    expect(page).toContain('<title>Bank niet bereikbaar · Tally</title>');
    expect(page).toContain('<h1>Je bank is nu niet bereikbaar</h1>');
    expect(page).toContain('<a class="button" href="/">Opnieuw proberen</a>');
    expect(page).not.toContain('connector');
  });

  it('a failure of the app itself: its page in Italian', async () => {
    const { request, cloud } = await connected();
    cloud.failure = new Error('a bug');
    const res = await request('/', speaking('it'));
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('<html lang="it">');
    expect(page).toContain('<h1>Qualcosa è andato storto</h1>');
    expect(page).not.toContain('a bug');
  });
});

describe('in English', () => {
  it('stays the default, word for word', async () => {
    const { request } = await connected();
    const page = await (await request('/', speaking('ja, sv;q=0.8'))).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Your money</h1>');
    expect(page).toContain('€1,487.50');
    expect(page).toContain('2 accounts shared with Tally');
    expect(page).toContain('21 Nov 2026');
  });
});
