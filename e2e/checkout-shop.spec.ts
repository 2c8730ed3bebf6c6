/// <reference lib="dom" />
// The demo shop with the checkout widget, across origins (shop, wallet, cloud, bank each on its own
// port): a small payment in a popup, a large one with the passkey, the redirect path on a phone
// and behind a popup blocker, a tampered amount, forged and replayed results at the shop's
// backend, hostile pages posting forged results to the widget, an opener cut by COOP, a refund.
import { expect, type Page, type Request, test } from '@playwright/test';
import {
  cartWith,
  cloud,
  collectErrors,
  desktop,
  payToOrder,
  phone,
  shoot,
  shop,
  shopperJourneys,
  wallet,
  walletPopup,
} from './checkout-world.ts';
import { chromiumArgs } from './playwright.config.ts';

const world = shopperJourneys([cloud, shop], 'the shop journeys need the cloud, a bank and the shop');

// The COOP journey serves the cart through route.fulfill, which Chromium treats as a public
// document barred from loopback (Local Network Access). Every service here is on loopback, so
// turning the check off hides nothing these journeys test.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--disable-features=LocalNetworkAccessChecks'],
  },
});

/** The order pages this run paid, by what was bought. */
const orders: Record<string, string> = {};
/** Bodies the shop page posted to /api/checkout/complete. */
const completions: string[] = [];

function recordCompletions(page: Page): void {
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && r.url() === `${shop}/api/checkout/complete`)
      completions.push(r.postData() ?? '');
  });
}

async function shopPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await world.shopper.context.newPage();
  const errors = collectErrors(page);
  recordCompletions(page);
  return { page, errors };
}

const payButton = (page: Page) => page.getByRole('button', { name: 'Pay with Token' });

test('a small payment in a popup: no passkey, paid once the bank settled it', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  await page.goto(`${shop}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Coffee, roasted this week' })).toBeVisible();
  await shoot(page, 'shop-products');
  await cartWith(page, 'House espresso beans');
  await expect(page.getByTestId('cart-total')).toHaveText('€12.50');
  // The widget: an accessible button in its shadow root, styled under the shop's strict CSP.
  const pay = payButton(page);
  await expect(pay).toBeVisible();
  await expect(pay).toHaveAccessibleDescription('Opens your Token wallet');
  expect(await pay.evaluate((b) => getComputedStyle(b).minHeight)).toBe('48px');
  await shoot(page, 'shop-cart');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'shop-cart-dark', [phone]);
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard: Tab reaches the button, Enter opens the wallet.
  await pay.focus();
  const { popup, passkeyUses, done } = await walletPopup(world.shopper, () => page.keyboard.press('Enter'));
  await expect(popup).toHaveURL(
    new RegExp(`^${wallet}/approve\\?request=[A-Za-z0-9_-]{43}&nonce=[A-Za-z0-9_-]{43}$`),
    {
      timeout: 20_000,
    },
  );
  await expect(popup.getByRole('heading', { level: 1, name: 'Approve payment' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(popup.getByText('€12.50').first()).toBeVisible();
  // The shop proved its domain: the wallet does not warn.
  await expect(popup.getByText('We could not verify who is asking')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to approve' })).toBeVisible();
  await shoot(page, 'shop-cart-waiting', [desktop]);
  await shoot(popup, 'shop-wallet-popup', [{ width: 440, height: 720 }]);

  await payToOrder(page, popup, done, '€12.50');
  expect(passkeyUses()).toBe(0);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('transfer-status')).toHaveText('ACSC');
  await expect(page.getByTestId('order-amount')).toHaveText('€12.50');
  orders.espresso = page.url();
  await shoot(page, 'shop-order-paid');
  expect(completions).toHaveLength(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('a large payment: the wallet asks for the passkey', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  await cartWith(page, 'Burr grinder');
  await expect(page.getByTestId('cart-total')).toHaveText('€224.00');
  const { popup, passkeyUses, done } = await walletPopup(world.shopper, () => payButton(page).click());
  await expect(popup.getByText('€224.00').first()).toBeVisible({ timeout: 20_000 });
  await payToOrder(page, popup, done, '€224.00');
  expect(passkeyUses()).toBe(1);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-amount')).toHaveText('€224.00');
  orders.grinder = page.url();
  expect(errors).toEqual([]);
  await page.close();
});

test('on a phone the wallet opens in the same tab; the result comes back in the fragment and is cleared', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  const before = completions.length;
  await page.setViewportSize(phone);
  await cartWith(page, 'Yirgacheffe filter beans');
  await shoot(page, 'shop-cart', [phone]);
  // Hold the shop's backend call until the page has been looked at.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${shop}/api/checkout/complete`, async (route) => {
    await held;
    await route.continue();
  });
  await payButton(page).click();
  await page.waitForURL(`${wallet}/approve?**`, { timeout: 20_000 });
  await expect(page.getByText('€14.00').first()).toBeVisible({ timeout: 20_000 });
  await shoot(page, 'shop-wallet-redirect', [phone]);
  await page.getByRole('button', { name: 'Pay €14.00' }).click();
  await page.waitForURL(`${shop}/cart**`, { timeout: 30_000 });
  // The widget read the fragment and took it out of the address bar and history entry.
  await expect.poll(() => completions.length).toBe(before + 1);
  expect(new URL(page.url()).hash).toBe('');
  release();
  await page.waitForURL(`${shop}/orders/**`, { timeout: 30_000 });
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-amount')).toHaveText('€14.00');
  await shoot(page, 'shop-order-paid', [phone]);
  expect(errors).toEqual([]);
  await page.close();
});

test('behind a popup blocker the widget redirects; a decline comes back as a cancel', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  const before = completions.length;
  // What blockers do: window.open answers null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await cartWith(page, 'Stoneware cups');
  await payButton(page).click();
  await page.waitForURL(`${wallet}/approve?**`, { timeout: 20_000 });
  await expect(page.getByText('€24.00').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Decline' }).click();
  await page.waitForURL(`${shop}/cart**`, { timeout: 30_000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Cancelled. Nothing was approved.' }),
  ).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  // Nothing was charged: the cart is still there and nothing was sent to the backend.
  await expect(page.getByTestId('cart-total')).toHaveText('€24.00');
  expect(completions).toHaveLength(before);
  await expect(payButton(page)).toBeFocused();
  expect(errors).toEqual([]);
  await page.close();
});

test('a tampered amount in the page changes nothing: the charge is the backend’s', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  await cartWith(page, 'Stoneware cups');
  // The page claims €0.01, and the request to the backend carries an amount of its own.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-testid="cart-total"], [data-testid="pay-amount"]'))
      el.textContent = '€0.01';
  });
  await page.route(`${shop}/api/checkout`, (route) =>
    route.continue({
      postData: JSON.stringify({ amount: { value: '0.01', currency: 'EUR' }, total: '0.01' }),
    }),
  );
  const { popup, done } = await walletPopup(world.shopper, () => payButton(page).click());
  await expect(popup.getByText('€24.00').first()).toBeVisible({ timeout: 20_000 });
  await expect(popup.getByText('€0.01')).toHaveCount(0);
  await payToOrder(page, popup, done, '€24.00');
  await expect(page.getByTestId('order-amount')).toHaveText('€24.00');
  await expect(page.getByTestId('transfer-status')).toHaveText('ACSC');
  expect(errors).toEqual([]);
  await page.close();
});

test('the shop’s backend refuses a replayed or forged result', async () => {
  const { page } = await shopPage();
  await page.goto(`${shop}/orders`);
  const paidBefore = await page.getByRole('listitem').count();
  const genuine = JSON.parse(completions.at(-1) ?? '{}') as { result: Record<string, unknown> };
  const post = (body: unknown) =>
    page.evaluate(async (b) => {
      const res = await fetch('/api/checkout/complete', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: (await res.json()) as { code?: string } };
    }, body);
  // Replayed: the checkout it answered is spent.
  expect(await post(genuine)).toMatchObject({ status: 409, body: { code: 'NoCheckout' } });

  // A new checkout in this session; results it did not get are refused.
  await page.goto(`${shop}/`);
  await page.getByRole('button', { name: 'Add to cart: House espresso beans' }).click();
  const requestId = await page.evaluate(async () => {
    const res = await fetch('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await res.json()) as { requestId: string }).requestId;
  });
  expect(await post(genuine)).toMatchObject({ status: 403, body: { code: 'Forbidden' } });
  const forged = { ...genuine.result, requestId };
  expect(await post({ result: forged })).toMatchObject({ status: 403, body: { code: 'Forbidden' } });
  expect(await post({ result: { ...genuine.result, tokenId: 'A'.repeat(43) } })).toMatchObject({
    status: 403,
  });
  expect(await post({ result: { ...forged, extra: true } })).toMatchObject({
    status: 400,
    body: { code: 'Malformed' },
  });
  await page.goto(`${shop}/orders`);
  await expect(page.getByRole('listitem')).toHaveCount(paidBefore);
  await page.close();
});

test('hostile pages cannot answer for the wallet', async () => {
  test.setTimeout(120_000);
  const hostileOrigin = 'http://hostile.test';
  await world.shopper.context.route(`${hostileOrigin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Prizes</title><h1>You won</h1></html>',
    }),
  );
  // A page that opens the shop holds no handle to it: the shop's COOP puts it in its own group.
  const hostile = await world.shopper.context.newPage();
  await hostile.goto(`${hostileOrigin}/`);
  const shopOpened = world.shopper.context.waitForEvent('page');
  await hostile.evaluate((url) => {
    (window as unknown as { shopWindow: Window | null }).shopWindow = window.open(url, 'shop');
  }, `${shop}/`);
  const opened = await shopOpened;
  await opened.waitForLoadState();
  await expect
    .poll(() => hostile.evaluate(() => (window as unknown as { shopWindow: Window }).shopWindow.closed))
    .toBe(true);
  await opened.close();
  await hostile.close();

  // The wallet window itself goes somewhere else, and that page posts to the shop page.
  const { page, errors } = await shopPage();
  await cartWith(page, 'House espresso beans');
  await page.evaluate(() => {
    const w = window as unknown as { seen: number };
    w.seen = 0;
    window.addEventListener('message', () => {
      w.seen++;
    });
  });
  const { popup, done } = await walletPopup(world.shopper, () => payButton(page).click());
  await expect(popup.getByText('€12.50').first()).toBeVisible({ timeout: 20_000 });
  const approveUrl = popup.url();
  const requestId = new URL(approveUrl).searchParams.get('request') ?? '';
  const nonce = new URL(approveUrl).searchParams.get('nonce') ?? '';
  const before = completions.length;
  // Navigated from within (a link, a script): the window keeps its opener, as the wallet did.
  await popup.evaluate((url) => window.location.assign(url), `${hostileOrigin}/claim`);
  await popup.waitForURL(`${hostileOrigin}/claim`);
  // Even knowing the request id and the nonce, a page that is not the wallet cannot answer.
  const forged = {
    type: 'tokenos:result',
    version: 1,
    requestId,
    nonce,
    result: {
      type: 'TokenRequestResult',
      version: 1,
      requestId,
      outcome: 'approved',
      tokenId: 'F'.repeat(43),
      state: 'S'.repeat(43),
      createdAt: Date.now(),
      keyId: 'K'.repeat(22),
      signature: 'forged',
    },
  };
  const sent = await popup.evaluate((message) => {
    const variants = [
      message,
      { ...message, nonce: 'guessed-nonce-0000000000000000' },
      { ...message, result: { ...message.result, outcome: 'declined', tokenId: null } },
      JSON.stringify(message),
    ];
    for (const v of variants) window.opener.postMessage(v, '*');
    return variants.length;
  }, forged);
  // Every forged message reached the shop page (its own listener saw them); the widget took none.
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: number }).seen)).toBe(sent);
  expect(completions.length).toBe(before);
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to approve' })).toBeVisible();
  await expect(page.getByTestId('cart-total')).toHaveText('€12.50');

  // Back in the wallet, the real answer goes through.
  await popup.evaluate((url) => window.location.assign(url), approveUrl);
  await payToOrder(page, popup, done, '€12.50', { clickTimeout: 20_000 });
  expect(completions.length).toBe(before + 1);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  expect(errors).toEqual([]);
  await page.close();
});

test('a shop page with COOP same-origin cuts the opener: the widget still learns the outcome', async () => {
  test.setTimeout(120_000);
  const { page, errors } = await shopPage();
  await page.route(`${shop}/cart`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin' },
    });
  });
  await cartWith(page, 'House espresso beans');
  const { popup, done } = await walletPopup(world.shopper, () => payButton(page).click());
  await expect(popup.getByText('€12.50').first()).toBeVisible({ timeout: 20_000 });
  // The widget cannot see the window any more, so it offers no "Show wallet", only Cancel.
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show wallet' })).toBeHidden();
  await payToOrder(page, popup, done, '€12.50');
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  // With no opener the wallet took the redirect path inside the popup; back on the shop's origin,
  // the widget there recognised its own popup, handed the result over and closed it.
  await expect.poll(() => popup.isClosed(), { timeout: 20_000 }).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test('a refund sends the money back to the account it came from', async () => {
  test.setTimeout(60_000);
  const { page, errors } = await shopPage();
  await page.goto(orders.espresso ?? `${shop}/orders`);
  // A refund is asked for first; "No" keeps the order as it was.
  await page.getByRole('link', { name: 'Refund this order…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Refund order .+\?$/ })).toBeVisible();
  await page.getByRole('link', { name: 'No, keep the order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await page.getByRole('link', { name: 'Refund this order…' }).click();
  await page.getByRole('button', { name: /^Yes, refund / }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Refunded');
  await expect(page.getByTestId('refund-status')).toHaveText('ACSC');
  await expect(page.getByRole('link', { name: 'Refund this order…' })).toHaveCount(0);
  await shoot(page, 'shop-order-refunded');
  // Above the €30 low-value limit (and whatever the count of refunds so far): the shop's server
  // endorses with the Refund exemption and its STANDARD key; no passkey is needed to pay it back.
  if (orders.grinder) {
    await page.goto(orders.grinder);
    await page.getByRole('link', { name: 'Refund this order…' }).click();
    await page.getByRole('button', { name: /^Yes, refund / }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Refunded');
    await expect(page.getByTestId('refund-status')).toHaveText('ACSC');
  }
  await page.goto(`${shop}/orders`);
  await shoot(page, 'shop-orders', [desktop]);
  expect(errors).toEqual([]);
  await page.close();
});
