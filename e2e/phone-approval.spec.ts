/// <reference lib="dom" />
// "A desktop checkout approved on the phone" (issue 15 item 4): two browser contexts as two
// devices, each with its own virtual authenticator. The desktop has no wallet; the shopper picks
// "Use my phone", the phone (a wallet set up, Iron Bank linked) opens the link the QR code holds,
// sees the same payee, amount and confirmation code, pays, and the desktop ends on the paid order:
// the result reaches it from the cloud (long polling), never from the phone.
import { expect, type Page, test } from '@playwright/test';
import {
  cartWith,
  cloud,
  collectErrors,
  desktop,
  newShopper,
  phone,
  type Shopper,
  shoot,
  shop,
  wallet,
} from './checkout-world.ts';

test.skip(!cloud || !shop, 'the phone journey needs the cloud, a bank and the shop');

let onPhone: Shopper | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  onPhone = await newShopper(await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true }), {
    emailPrefix: 'phone',
  });
});
test.afterAll(async () => {
  await onPhone?.context.close();
});

const codeOf = async (page: Page): Promise<string> => {
  const text = await page.getByText(/^Check that your phone shows the code \d{4}\.$/).textContent();
  const code = /(\d{4})/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`no confirmation code in ${JSON.stringify(text)}`);
  return code;
};

test('a desktop checkout without a wallet is approved on the phone, and the desktop ends on the paid order', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  if (!onPhone) throw new Error('the phone shopper is made before the test');
  const desktopContext = await browser.newContext({ viewport: desktop });
  const page = await desktopContext.newPage();
  const errors = collectErrors(page);
  await cartWith(page, 'House espresso beans');
  await expect(page.getByTestId('cart-total')).toHaveText('€12.50');

  // This browser has no wallet: the popup says so; the shopper turns to the phone instead.
  const opened = desktopContext.waitForEvent('page');
  await page.getByRole('button', { name: 'Pay with Token' }).click();
  const popup = await opened;
  await expect(popup.getByRole('heading', { level: 1, name: 'Create a wallet to continue' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Use my phone' }).click();
  await expect.poll(() => popup.isClosed()).toBe(true);

  // The QR code (drawn by the cloud, fetched only now), the link it holds and the code.
  const qr = page.getByRole('img', { name: 'QR code that opens this payment on your phone' });
  await expect(qr).toBeVisible();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  expect(await qr.getAttribute('src')).toMatch(
    new RegExp(`^${cloud}/api/v1/token-requests/[A-Za-z0-9_-]{43}/qr\\?`),
  );
  const link = page.getByRole('link', { name: /\/approve\?request=/ });
  const href = await link.getAttribute('href');
  expect(href).toMatch(
    new RegExp(`^${wallet}/approve\\?request=[A-Za-z0-9_-]{43}&nonce=[A-Za-z0-9_-]{43}&handoff=1$`),
  );
  expect(await link.textContent()).toBe(href);
  const code = await codeOf(page);
  await expect(page.getByRole('status')).toHaveText('Waiting for you to approve in your Token wallet.');
  await shoot(page, 'phone-approval-desktop-qr', [desktop]);

  // The phone opens the link: the same payee, amount and code.
  const phonePage = onPhone.page;
  await phonePage.goto(href ?? '');
  await expect(phonePage.getByRole('heading', { level: 1, name: 'Approve payment' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(phonePage.getByText('€12.50').first()).toBeVisible();
  await expect(phonePage.getByText('Demo Shop').first()).toBeVisible();
  await expect(phonePage.getByRole('heading', { name: 'Confirmation code' })).toBeVisible();
  await expect(phonePage.getByTestId('phone-code')).toHaveText(code);
  await shoot(phonePage, 'phone-approval-phone', [phone]);

  // Paid on the phone; the desktop follows from the cloud within moments.
  const paid = page.waitForURL(`${shop}/orders/**`, { timeout: 30_000 });
  await phonePage.getByRole('button', { name: 'Pay €12.50' }).click();
  await paid;
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-amount')).toHaveText('€12.50');
  expect(errors).toEqual([]);
  await desktopContext.close();
});
