/// <reference lib="dom" />
// A first-time shopper on a desktop: no wallet yet. "Pay with Token" opens the wallet popup, which
// creates the wallet, leaves for the bank's consent page (another origin, whose COOP cuts the
// popup off from the shop) and comes back to the approval. The shop keeps waiting all along and
// ends on the paid order. Every step is a click or a keystroke a person makes.
import { expect, type Page, test } from '@playwright/test';
import { cloud, collectErrors, desktop, ironBank, outboxCode, shop, wallet } from './checkout-world.ts';
import { expectAccessible } from './helpers/axe.ts';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';

test.skip(!cloud || !shop, 'the first purchase needs the cloud, a bank and the shop');

const shots = '/tmp/firstbuy-shots/';
const popupSize = { width: 1280, height: 720 };

async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}${name}.png` });
}

/** The shop's home page, one product added by its button, then the cart by its link. */
async function cartByClicks(page: Page, product: string): Promise<void> {
  await page.goto(`${shop}/`);
  await page.getByRole('button', { name: `Add to cart: ${product}` }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('no wallet yet: create it and link the bank in the popup, then pay; the shop shows the order', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await cartByClicks(page, 'House espresso beans');
  await expect(page.getByTestId('cart-total')).toHaveText('€12.50');

  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Pay with Token' }).click();
  const popup = await opened;
  await popup.setViewportSize(popupSize);
  // Virtual authenticators are per tab: the popup gets its own, where the passkey is made.
  await addVirtualAuthenticator(popup);
  await expect(popup.getByRole('heading', { level: 1, name: 'Create a wallet to continue' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to approve' })).toBeVisible();

  // Onboarding inside the popup.
  const email = `first-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await popup.getByRole('link', { name: 'Create wallet' }).click();
  await popup.getByRole('button', { name: 'Create my keys' }).click();
  await popup.getByRole('button', { name: 'Add a passkey' }).click({ timeout: 60_000 });
  await popup.getByLabel('Email address').fill(email, { timeout: 60_000 });
  await popup.getByRole('button', { name: 'Send code' }).click();
  await popup.getByLabel('Code from the email').waitFor({ timeout: 60_000 });
  await popup.getByLabel('Code from the email').fill(await outboxCode(email));
  await popup.getByRole('button', { name: 'Verify email' }).click();
  await popup.getByRole('button', { name: 'Continue' }).click({ timeout: 60_000 });

  // Back at the approval with no account: the bank detour, on the bank's own origin.
  await popup.getByRole('link', { name: 'Link a bank account' }).click({ timeout: 60_000 });
  await popup.getByRole('button', { name: 'Link Iron Bank' }).click();
  await popup.waitForURL(`${ironBank}/link?**`);
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('alice-password');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('checkbox', { name: /Current account/ }).check();
  await popup.getByRole('button', { name: 'Link selected accounts' }).click();
  await expect(popup.getByRole('heading', { level: 1, name: 'Iron Bank is linked' })).toBeVisible({
    timeout: 60_000,
  });
  // The shop did not give up while the popup was at the bank.
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was approved' })).toHaveCount(0);
  await popup.getByRole('link', { name: 'Continue' }).click();

  const pay = popup.getByRole('button', { name: 'Pay €12.50' });
  await expect(pay).toBeVisible({ timeout: 60_000 });
  // A person waits a moment here, reading: the shop must still be waiting afterwards.
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to approve' })).toBeVisible();
  await snap(popup, 'first-approval-1280');
  await snap(page, 'first-shop-waiting-1280');
  await expectAccessible(popup, 'approval after onboarding');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was approved' })).toHaveCount(0);

  const paid = page.waitForURL(`${shop}/orders/**`, { timeout: 40_000 });
  await pay.click();
  await paid;
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-amount')).toHaveText('€12.50');
  await expect.poll(() => popup.isClosed(), { timeout: 60_000 }).toBe(true);
  await snap(page, 'first-order-paid-1280');
  await expectAccessible(page, 'paid order');
  expect(errors).toEqual([]);
  await context.close();
});
