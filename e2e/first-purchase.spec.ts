/// <reference lib="dom" />
// A first-time shopper on a desktop: no wallet yet. "Pay with Token" opens the wallet popup, which
// creates the wallet, leaves for the bank's consent page (another origin, whose COOP cuts the
// popup off from the shop) and comes back to the approval. The shop keeps waiting all along and
// ends on the paid order. Every step is a click or a keystroke a person makes.
import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { cloud, collectErrors, desktop, ironBank, phone, shop, wallet } from './checkout-world.ts';
import { expectAccessible } from './helpers/axe.ts';
import { mailedCode } from './helpers/mail.ts';
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

test.describe.configure({ mode: 'serial' });

/** One shopper's browser across the journeys: the first makes the wallet, the later ones use it. */
let context: BrowserContext;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ viewport: desktop });
});
test.afterAll(async () => {
  await context.close();
});

/** The element is inside the viewport as it is, without scrolling. */
async function expectInView(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  expect(box).not.toBeNull();
  expect(view).not.toBeNull();
  if (!box || !view) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
}

test('no wallet yet: create it and link the bank in the popup, then pay; the shop shows the order', async () => {
  test.setTimeout(300_000);
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
  await popup.getByLabel('Code from the email').fill(await mailedCode(email));
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
  // One screen: the line from the cart, the account, and Pay in view without scrolling.
  await expect(popup.getByRole('listitem').filter({ hasText: 'House espresso beans' })).toBeVisible();
  await expectInView(popup, pay);
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
  await page.close();
});

test('on a phone: pay in the same tab, then Back to the used approval says what was paid and leads back', async () => {
  test.setTimeout(180_000);
  const page = await context.newPage();
  await page.setViewportSize(phone);
  const errors = collectErrors(page);
  await cartByClicks(page, 'House espresso beans');
  await page.getByRole('button', { name: 'Pay with Token' }).click();
  await page.waitForURL(`${wallet}/approve?**`, { timeout: 60_000 });
  const pay = page.getByRole('button', { name: 'Pay €12.50' });
  await expect(pay).toBeVisible({ timeout: 60_000 });
  await expectInView(page, pay);
  await snap(page, 'phone-approval-360');
  await expectAccessible(page, 'approval on a phone');
  await pay.click();
  await page.waitForURL(`${shop}/orders/**`, { timeout: 60_000 });
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  const order = page.url();

  // Back, and back again: the approval link, used.
  await page.goBack();
  await page.goBack();
  await page.waitForURL(`${wallet}/approve?**`);
  await expect(page.getByRole('heading', { level: 1, name: 'You paid already' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/You paid €12\.50 to Demo Shop at \d{1,2}[:.]\d{2}/)).toBeVisible();
  await expect(page.getByText('Nothing has been paid')).toHaveCount(0);
  await snap(page, 'phone-used-link-360');
  await expectAccessible(page, 'used approval link');
  await page.setViewportSize(desktop);
  await snap(page, 'desktop-used-link-1280');
  await page.setViewportSize(phone);
  await page.getByRole('link', { name: 'Back to Demo Shop' }).click();
  await page.waitForURL(`${shop}/**`);
  expect(page.url()).not.toBe(order);
  expect(errors).toEqual([]);
  await page.close();
});

test('a large payment: the popup’s Pay button says the passkey will be asked, in view at 1280x720', async () => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await cartByClicks(page, 'Burr grinder');
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Pay with Token' }).click();
  const popup = await opened;
  await popup.setViewportSize(popupSize);
  const pay = popup.getByRole('button', { name: 'Pay €224.00 with your passkey' });
  await expect(pay).toBeVisible({ timeout: 60_000 });
  await expectInView(popup, pay);
  await snap(popup, 'grinder-approval-1280x720');
  await popup.setViewportSize(phone);
  await expectInView(popup, pay);
  await snap(popup, 'grinder-approval-360');
  // Closing the wallet window is noticed at once: the shop offers to pay again.
  await popup.close();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled. Nothing was approved.' })).toBeVisible({
    timeout: 2_000,
  });
  await page.close();
});
