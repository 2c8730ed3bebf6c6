/// <reference lib="dom" />
// Every screen at 360 px wide (issue 14, item 10): the wallet's pages (without a wallet, and with
// one whose email is long), the shop's and the budget app's, each checked for horizontal overflow
// (the page wider than the screen, so a person has to scroll sideways) with screenshots to look at.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  budget,
  cartWith,
  cloud,
  newShopper,
  phone,
  type Shopper,
  shoot,
  shop,
  wallet,
} from './checkout-world.ts';

test.skip(
  !cloud || !shop || !budget,
  'the small-screen tour needs the cloud, a bank, the shop and the budget app',
);

let shopper: Shopper | undefined;
let context: BrowserContext | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  context = await browser.newContext({ viewport: phone });
  // A long address is what made the Security page wider than the screen.
  shopper = await newShopper(context, {
    emailPrefix: 'a-shopper-with-a-rather-long-email-address-that-does-not-break',
  });
});

test.afterAll(async () => {
  await context?.close();
});

/** The page is no wider than the screen, once its heading is there and nothing is loading. */
async function expectFits(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.spinner')).toHaveCount(0, { timeout: 20_000 });
  await shoot(page, `small-${name}`, [phone]);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${name} is ${scrollWidth} px wide on a ${clientWidth} px screen`).toBeLessThanOrEqual(
    clientWidth,
  );
}

test('the wallet without a wallet yet, at 360 px', async ({ browser }) => {
  const fresh = await browser.newContext({ viewport: phone });
  const page = await fresh.newPage();
  for (const [path, name] of [
    ['/', 'welcome'],
    ['/setup', 'setup'],
    ['/activity', 'no-wallet'],
    ['/no-such-page', 'not-found'],
    ['/approve', 'approve-without-request'],
  ] as const) {
    await page.goto(`${wallet}${path}`);
    await expectFits(page, `wallet-${name}`);
  }
  await fresh.close();
});

test('every wallet screen of a wallet in use, at 360 px', async () => {
  test.setTimeout(120_000);
  const page = shopper!.page;
  for (const [path, name] of [
    ['/', 'accounts'],
    ['/activity', 'activity'],
    ['/grants', 'connected-apps'],
    ['/member-tokens', 'subscriptions'],
    ['/profile', 'profile'],
    ['/security', 'security'],
    ['/link', 'link'],
    ['/setup', 'setup-done'],
    ['/linked', 'linked-without-link'],
    ['/claim', 'claim-without-code'],
  ] as const) {
    await page.goto(`${wallet}${path}`);
    await expectFits(page, `wallet-${name}`);
  }
  // The forms, open.
  await page.goto(`${wallet}/member-tokens`);
  await page.getByRole('button', { name: 'Let a shop charge you later' }).first().click();
  await expectFits(page, 'wallet-subscription-form');
  await page.goto(`${wallet}/profile`);
  await page.getByRole('button', { name: 'Add an address' }).click();
  await expectFits(page, 'wallet-address-form');
});

test('the shop and the budget app, at 360 px', async () => {
  test.setTimeout(90_000);
  const page = await context!.newPage();
  await page.goto(`${shop}/`);
  await expectFits(page, 'shop-home');
  await cartWith(page, 'House espresso beans');
  await expectFits(page, 'shop-cart');
  for (const [path, name] of [
    ['/orders', 'orders'],
    ['/subscription', 'subscription'],
    ['/loyalty', 'loyalty'],
  ] as const) {
    const res = await page.goto(`${shop}${path}`);
    if (res?.status() === 404) continue;
    await expectFits(page, `shop-${name}`);
  }
  await page.goto(`${budget}/`);
  await expectFits(page, 'budget-home');
  await page.close();
});
