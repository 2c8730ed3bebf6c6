/// <reference lib="dom" />
// The widget itself, with no wallet set up: served by the cloud with its SRI hash, refused when the
// hash does not match, falling back to a redirect behind Chromium's real popup blocker, reporting a
// closed wallet window as a cancel, and accessible by axe-core's rules.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { cloud, collectErrors, shop, wallet } from './checkout-world.ts';
import { chromiumArgs } from './playwright.config.ts';

test.skip(!cloud || !shop, 'the widget journeys need the cloud and the shop');
// Playwright turns Chromium's popup blocker off by default; these tests want it on. Trace
// snapshots run scripts in the page with a user gesture, which would let any popup through.
test.use({
  trace: 'off',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  },
});

async function cartWithEspresso(page: Page): Promise<void> {
  await page.goto(`${shop}/`);
  // In the page's language ("Add to cart: …", "In den Warenkorb: …"): the product keeps its name.
  await page.getByRole('button', { name: /: House espresso beans$/ }).click();
  await page.goto(`${shop}/cart`);
}

test('the cloud serves the script-tag build: versioned, immutable, CORS, and the hash the shop pins', async ({
  page,
}) => {
  const res = await fetch(`${cloud}/checkout/v1/checkout.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  const { integrity } = (await (await fetch(`${cloud}/checkout/v1/sri.json`)).json()) as {
    integrity: string;
  };
  const { createHash } = await import('node:crypto');
  expect(integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
  const { gzipSync } = await import('node:zlib');
  expect(gzipSync(bytes, { level: 9 }).length).toBeLessThanOrEqual(8 * 1024);

  await cartWithEspresso(page);
  const tag = page.locator('script[src$="/checkout/v1/checkout.js"]');
  await expect(tag).toHaveAttribute('integrity', integrity);
  await expect(tag).toHaveAttribute('crossorigin', 'anonymous');
  await expect(tag).toHaveAttribute('data-wallet-origin', wallet);
  // The global, configured from its own tag: the wallet from data-wallet-origin, the cloud from src.
  expect(
    await page.evaluate(() => {
      const api = (window as unknown as { TokenCheckout: { isAvailable(o?: object): boolean } })
        .TokenCheckout;
      return [api.isAvailable(), api.isAvailable({ walletOrigin: 'https://wallet.example/approve' })];
    }),
  ).toEqual([true, false]);
});

test('a script that does not match its SRI hash does not run', async ({ page }) => {
  const errors = collectErrors(page, (m) => /integrity/i.test(m.text()));
  await page.route(`${cloud}/checkout/v1/checkout.js`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n;window.tampered=true;` });
  });
  await cartWithEspresso(page);
  await expect(page.getByRole('alert')).toHaveText(
    'Token checkout could not be loaded. Please reload the page.',
  );
  await expect(page.getByRole('button', { name: 'Pay with Token' })).toHaveCount(0);
  expect(await page.evaluate(() => 'tampered' in window)).toBe(false);
  expect(errors).toEqual([]);
});

test('Chromium’s popup blocker: the widget goes to the wallet by redirect instead', async ({ page }) => {
  const errors = collectErrors(page);
  // No user activation anywhere on this page: Playwright's own clicks and locators grant one, so
  // the cart is filled through the API, and the button is clicked through CDP with the gesture withheld.
  const added = await page.request.post(`${shop}/cart/items`, {
    form: { product: 'espresso' },
    headers: { origin: shop ?? '' },
  });
  expect(added.ok()).toBe(true);
  await page.goto(`${shop}/cart`);
  const cdp = await page.context().newCDPSession(page);
  const clicked = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((resolve) => {
      const tryClick = () => {
        const button = document.querySelector('.tokenos-checkout')?.shadowRoot?.querySelector('button');
        if (!button) return setTimeout(tryClick, 50);
        const active = navigator.userActivation.isActive;
        button.click();
        resolve(active);
      };
      tryClick();
    })`,
    awaitPromise: true,
    userGesture: false,
    returnByValue: true,
  });
  expect(clicked.result.value).toBe(false);
  const pages = page.context().pages().length;
  await page.waitForURL(`${wallet}/approve?**`, { timeout: 20_000 });
  const url = new URL(page.url());
  expect(url.searchParams.get('request')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(page.context().pages()).toHaveLength(pages);
  // The tab remembers the checkout for its return (sessionStorage of the shop's origin).
  await page.goBack();
  await page.waitForURL(`${shop}/cart`);
  expect(
    await page.evaluate(
      () => Object.keys(sessionStorage).filter((k) => k.startsWith('tokenos-checkout:')).length,
    ),
  ).toBe(1);
  expect(errors).toEqual([]);
});

test('closing the wallet window is a cancel; focus returns to the button', async ({ page }) => {
  const errors = collectErrors(page);
  await cartWithEspresso(page);
  const pay = page.getByRole('button', { name: 'Pay with Token' });
  const opened = page.context().waitForEvent('page');
  await pay.click();
  const popup = await opened;
  await popup.waitForURL(`${wallet}/approve?**`);
  await expect(page.getByRole('button', { name: 'Show wallet' })).toBeVisible();
  await popup.close();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled. Nothing was approved.' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeHidden();
  await expect(pay).toBeFocused();
  expect(errors).toEqual([]);
});

test('the shop’s pages and the widget pass axe-core (WCAG 2.2 AA)', async ({ page }) => {
  await cartWithEspresso(page);
  for (const path of ['/', '/cart', '/orders']) {
    await page.goto(`${shop}${path}`);
    if (path === '/cart') await expect(page.getByRole('button', { name: 'Pay with Token' })).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${path}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  }
});

test('the widget speaks the page’s language (German from the browser); theming goes through custom properties', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await cartWithEspresso(page);
  const pay = page.getByRole('button', { name: 'Mit Token bezahlen' });
  await expect(pay).toBeVisible();
  await expect(pay).toHaveAccessibleDescription('Öffnet Ihre Token-Wallet');
  // The shop sets --tokenos-radius on the container from its own stylesheet.
  expect(await pay.evaluate((b) => getComputedStyle(b).borderTopLeftRadius)).toBe('9.6px');
  // The words after the button come from the cloud (/checkout/v1/words/de), through the shop's CSP.
  const opened = page.waitForEvent('popup');
  await pay.click();
  const popup = await opened;
  await expect(page.getByRole('button', { name: 'Abbrechen' })).toBeVisible();
  await popup.close();
  await context.close();
});
