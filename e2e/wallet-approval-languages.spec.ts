/// <reference lib="dom" />
// The payment approval in the long-worded languages on a 360 px phone: German and Polish words
// for a payment that asks for the passkey, with the Pay button kept in view and nothing wider
// than the screen. The language is the one the person chose (kept on the device), then reloaded.
import { expect, type Page, test } from '@playwright/test';
import { cartWith, cloud, phone, shoot, shop, shopperJourneys, walletPopup } from './checkout-world.ts';

const world = shopperJourneys([cloud, shop], 'the approval needs the cloud, a bank and the shop');

async function inLanguage(popup: Page, language: 'de' | 'pl'): Promise<void> {
  await popup.evaluate((l) => localStorage.setItem('wallet.language', l), language);
  await popup.reload();
  await expect(popup.locator('html')).toHaveAttribute('lang', language);
}

/** The approve button is whole on screen, its words inside it, and the page no wider than the phone. */
async function expectPayInView(popup: Page, name: RegExp): Promise<void> {
  const pay = popup.getByRole('button', { name });
  await expect(pay).toBeVisible({ timeout: 20_000 });
  await expect(pay).toBeInViewport({ ratio: 1 });
  const fits = await pay.evaluate(
    (b) => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight + 1,
  );
  expect(fits, 'the button’s words fit inside it').toBe(true);
  const pageWidth = await popup.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(phone.width);
}

test('the payment approval in German and Polish on a phone: the Pay button stays in view', async () => {
  test.setTimeout(120_000);
  const page = await world.shopper.context.newPage();
  await cartWith(page, 'Burr grinder');
  const { popup } = await walletPopup(world.shopper, () =>
    page.getByRole('button', { name: 'Pay with Token' }).click(),
  );
  await popup.setViewportSize(phone);
  await expect(popup.getByRole('heading', { level: 1, name: 'Approve payment' })).toBeVisible({
    timeout: 20_000,
  });

  await inLanguage(popup, 'de');
  await expect(popup.getByRole('heading', { level: 1, name: 'Zahlung freigeben' })).toBeVisible({
    timeout: 20_000,
  });
  await expectPayInView(popup, /^224,00\s€ mit Passkey zahlen$/);
  await expect(popup.getByRole('button', { name: 'Ablehnen' })).toBeInViewport();
  await shoot(popup, 'wallet-approve-de', [phone]);

  await inLanguage(popup, 'pl');
  await expect(popup.getByRole('heading', { level: 1, name: 'Zatwierdź płatność' })).toBeVisible({
    timeout: 20_000,
  });
  await expectPayInView(popup, /^Zapłać 224,00\s€ kluczem dostępu$/);
  await expect(popup.getByRole('button', { name: 'Odrzuć' })).toBeInViewport();
  await shoot(popup, 'wallet-approve-pl', [phone]);

  // Declined in Polish: the answer goes back to the shop and the popup closes, as in English.
  const closed = popup.waitForEvent('close', { timeout: 30_000 });
  await popup.getByRole('button', { name: 'Odrzuć' }).click();
  await closed;
  await page.close();
});
