/// <reference lib="dom" />
// What the checkout, shop and budget journeys share: the stack's URLs, a shopper with a wallet
// (keys, passkey, verified email, Iron Bank linked) made through the wallet's own screens, the
// passkey carried into popups, screenshots and console errors.
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type ConsoleMessage, expect, type Page, test } from '@playwright/test';
import { mailedCode } from './helpers/mail.ts';
import { addVirtualAuthenticator, type VirtualAuthenticator } from './helpers/webauthn.ts';
import { serviceUrl, stackUrls } from './stack.ts';

export const { wallet, cloud } = stackUrls();
// SHOP_URL, BUDGET_URL and IRON_URL point the journeys at a stack started elsewhere.
export const shop = process.env.SHOP_URL ?? serviceUrl('shop');
export const budget = process.env.BUDGET_URL ?? serviceUrl('budget');
export const ironBank = process.env.IRON_URL ?? serviceUrl('iron');

export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 800 };
const screenshots = fileURLToPath(new URL('./output/screenshots/', import.meta.url));

/** Full-page screenshots at the given sizes (default phone and desktop), then the size it had. */
export async function shoot(
  page: Page,
  name: string,
  sizes: { width: number; height: number }[] = [phone, desktop],
): Promise<void> {
  const before = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshots}${name}-${size.width}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** A cart at the shop holding one of `product` only (the session's cart outlives a page). */
export async function cartWith(page: Page, product: string): Promise<void> {
  await page.goto(`${shop}/`);
  await page.evaluate(async () => {
    for (const id of ['espresso', 'filter', 'cups', 'grinder'])
      await fetch(`/cart/items/${id}`, { method: 'POST', body: new URLSearchParams({ quantity: '0' }) });
  });
  await page.getByRole('button', { name: `Add to cart: ${product}` }).click();
  await page.goto(`${shop}/cart`);
}

/** Console errors, CSP violations and uncaught exceptions of a page. */
export function collectErrors(page: Page, allow: (m: ConsoleMessage) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) && !allow(m))
      errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

export interface Shopper {
  context: BrowserContext;
  /** The wallet's own tab. */
  page: Page;
  auth: VirtualAuthenticator;
}

/**
 * A shopper as a person would become one: the wallet's setup (keys, passkey, email), then Iron
 * Bank's consent page as alice with her current account and savings.
 */
export async function newShopper(
  context: BrowserContext,
  { emailPrefix = 'shopper' }: { emailPrefix?: string } = {},
): Promise<Shopper> {
  const page = await context.newPage();
  const auth = await addVirtualAuthenticator(page);
  const email = `${emailPrefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto(`${wallet}/`);
  await page.getByRole('link', { name: 'Create wallet' }).click();
  await page.getByRole('button', { name: 'Create my keys' }).click();
  await page.getByRole('button', { name: 'Add a passkey' }).click({ timeout: 30_000 });
  await page.getByLabel('Email address').fill(email, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Code from the email').waitFor({ timeout: 30_000 });
  await page.getByLabel('Code from the email').fill(await mailedCode(email));
  await page.getByRole('button', { name: 'Verify email' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet is ready' })).toBeVisible({
    timeout: 30_000,
  });

  await page.goto(`${wallet}/`);
  await page.getByRole('link', { name: 'Link a bank account' }).first().click();
  await page.getByRole('button', { name: 'Link Iron Bank' }).click();
  await page.waitForURL(`${ironBank}/link?**`);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('checkbox', { name: /Current account/ }).check();
  await page.getByRole('checkbox', { name: /^Savings/ }).check();
  await page.getByRole('button', { name: 'Link selected accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Iron Bank is linked' })).toBeVisible({
    timeout: 30_000,
  });
  return { context, page, auth };
}

/**
 * Pays in the wallet popup (its "Pay <amount>" button) and waits until the shop's page shows the
 * order; then `done` (what walletPopup returned) carries the passkey's uses back.
 */
export async function payToOrder(
  page: Page,
  popup: Page,
  done: () => Promise<void>,
  amount: string,
  { orderTimeout = 30_000, clickTimeout }: { orderTimeout?: number; clickTimeout?: number } = {},
): Promise<void> {
  const paid = page.waitForURL(`${shop}/orders/**`, { timeout: orderTimeout });
  await popup
    .getByRole('button', { name: `Pay ${amount}` })
    .click(clickTimeout ? { timeout: clickTimeout } : {});
  await paid;
  await done();
}

/**
 * What a file of shopper journeys shares: its tests run in order, all skipped (saying `why`) when
 * the stack lacks a service in `needs`; one shopper is made before the first test and its browser
 * context closed after the last. The shopper is there once the first test runs.
 */
export function shopperJourneys(
  needs: readonly (string | undefined)[],
  why: string,
): { readonly shopper: Shopper } {
  test.describe.configure({ mode: 'serial' });
  test.skip(
    needs.some((url) => !url),
    why,
  );
  let made: Shopper | undefined;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    made = await newShopper(await browser.newContext({ viewport: desktop }));
  });
  test.afterAll(async () => {
    await made?.context.close();
  });
  return {
    get shopper(): Shopper {
      if (!made) throw new Error('the shopper is made before the first test');
      return made;
    },
  };
}

/**
 * The wallet popup a click opens, with the shopper's passkey in it (a virtual authenticator is
 * per tab). Call `done()` once the popup closed: the shopper's own authenticator then counts the
 * signatures the copy made (the cloud refuses a counter that does not go up, WebAuthn §6.1.1).
 */
export async function walletPopup(
  shopper: Shopper,
  click: () => Promise<void>,
): Promise<{ popup: Page; passkeyUses: () => number; done: () => Promise<void> }> {
  const opened = shopper.context.waitForEvent('page');
  await click();
  const popup = await opened;
  const popupAuth = await shopper.auth.copyTo(popup);
  return {
    popup,
    passkeyUses: () => popupAuth.assertions(),
    done: async () => {
      const uses = popupAuth.assertions();
      if (uses === 0) return;
      const { session, authenticatorId } = shopper.auth;
      const credentials = await shopper.auth.credentials();
      await session.send('WebAuthn.clearCredentials', { authenticatorId });
      for (const credential of credentials)
        await session.send('WebAuthn.addCredential', {
          authenticatorId,
          credential: { ...credential, signCount: credential.signCount + uses },
        });
    },
  };
}
