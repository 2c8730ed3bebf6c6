/// <reference lib="dom" />
// The languages a person reads (issue 14, item 7): the wallet follows the browser's language and
// keeps a language picked in its footer; the shop follows Accept-Language and keeps a language
// picked from its footer links, and its checkout button speaks the page's language. Each page
// checked at 360 px for overflow (German and Polish words are long) and by axe.
import { expect, type Page, test } from '@playwright/test';
import { phone, shoot, shop, wallet } from './checkout-world.ts';
import { expectAccessible } from './helpers/axe.ts';

async function expectFits(page: Page, name: string): Promise<void> {
  await shoot(page, `languages-${name}`, [phone]);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${name} is ${scrollWidth} px wide`).toBeLessThanOrEqual(clientWidth);
}

test('the wallet speaks the browser’s language, and keeps the one picked in its footer', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'pl-PL', viewport: phone });
  const page = await context.newPage();
  await page.goto(`${wallet}/`);
  await expect(page.getByRole('link', { name: 'Utwórz portfel' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expectFits(page, 'wallet-welcome-pl');
  await expectAccessible(page, 'wallet welcome (pl)');

  await page.getByLabel('Język').selectOption({ label: 'Deutsch' });
  await expect(page.getByRole('link', { name: 'Wallet erstellen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeAttached();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Wallet erstellen' })).toBeVisible({ timeout: 20_000 });
  await expectFits(page, 'wallet-welcome-de');
  await expectAccessible(page, 'wallet welcome (de)');
  await context.close();
});

test.describe('the shop', () => {
  test.skip(!shop, 'needs the shop');

  test('follows Accept-Language, keeps the language picked in its footer, and pays in it', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: phone });
    const page = await context.newPage();
    await page.goto(`${shop}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Kaffee, diese Woche geröstet' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expectFits(page, 'shop-home-de');

    await page.getByRole('link', { name: 'Polski' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await page.getByRole('button', { name: /House espresso beans/ }).click();
    await page.goto(`${shop}/cart`);
    // The choice holds on the next page (a cookie), and the widget speaks it.
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(page.getByRole('button', { name: /Zapłać przez Token/ })).toBeVisible({ timeout: 20_000 });
    await expectFits(page, 'shop-cart-pl');
    await expectAccessible(page, 'shop cart (pl)');
    await context.close();
  });
});
