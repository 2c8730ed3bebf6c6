/// <reference lib="dom" />
// Member tokens (issue 7, ARCHITECTURE.md journey 4) across wallet, widget, shop, cloud and bank: the
// shopper creates one in the wallet (QR and text in both formats, usage, revoke); the shop's
// "Subscribe" saves one through the widget, charges it later, its marketplace seller charges
// through a derived sub-merchant token that counts against the shopper's limits, and a charge
// over a limit is refused with nothing moved.
import { expect, test } from '@playwright/test';
import { cloud, phone, shoot, shop, shopperJourneys, wallet, walletPopup } from './checkout-world.ts';
import { expectAccessible } from './helpers/axe.ts';

const world = shopperJourneys([cloud, shop], 'the member-token journeys need the cloud, a bank and the shop');

test('in the wallet: create a member token for a shop, see it as QR and text with its usage, revoke it', async () => {
  test.setTimeout(120_000);
  const page = world.shopper.page;
  await page.goto(`${wallet}/`);
  await page.getByRole('navigation', { name: 'Wallet' }).getByRole('link', { name: 'Tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Member tokens' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No merchant can charge you' })).toBeVisible();
  await shoot(page, 'member-tokens-empty');
  await expectAccessible(page, 'member tokens, empty');

  await page.getByRole('button', { name: 'New member token' }).click();
  // A bad limit is named beside its field, and nothing is created.
  await page.getByRole('textbox', { name: 'Merchant' }).fill(new URL(shop!).host);
  await page.getByLabel('Largest single charge (EUR)').fill('80');
  await page.getByLabel('Total of all charges (EUR)').fill('50');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('A single charge cannot be more than the total.')).toBeVisible();
  await expect(page.getByLabel('Largest single charge (EUR)')).toBeFocused();
  await expectAccessible(page, 'member token form with an error');
  await shoot(page, 'member-tokens-form-error', [phone]);

  await page.getByLabel('Largest single charge (EUR)').fill('20');
  await page.getByRole('textbox', { name: 'Number of charges' }).fill('3');
  await page.getByLabel('Also use it as my loyalty id').check();
  const before = world.shopper.auth.assertions();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Token created.')).toBeVisible({ timeout: 30_000 });
  // EUR 50 in all is above the low-value exemption: the passkey confirmed it.
  expect(world.shopper.auth.assertions()).toBe(before + 1);

  const card = page.getByRole('listitem').filter({ hasText: 'Charged in total' }).first();
  await expect(card.getByText('Active')).toBeVisible();
  await expect(card.getByText(/€0\.00 of €50\.00/)).toBeVisible();
  await expect(card.getByText('0 of 3')).toBeVisible();
  await expect(card.getByRole('meter').first()).toBeVisible();

  await card.getByRole('button', { name: 'Show code' }).click();
  await expect(card.getByRole('img', { name: /QR code of the member token \(short code\)/ })).toBeVisible();
  const text = card.getByLabel('Short code (116 hex digits)');
  await expect(text).toHaveValue(/^[0-9a-f]{116}$/);
  await shoot(page, 'member-tokens-code');
  await expectAccessible(page, 'member token with its code');
  await card.getByRole('radio', { name: 'JWT' }).check();
  await expect(card.getByRole('img', { name: /QR code of the member token \(JWT\)/ })).toBeVisible();
  await expect(card.getByRole('textbox', { name: 'JWT' })).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  await card.getByRole('button', { name: 'Revoke…' }).click();
  await expect(card.getByRole('group', { name: /Revoke this token\?/ })).toBeVisible();
  await card.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('heading', { name: 'No merchant can charge you' })).toBeVisible();
  await page.getByText('Revoked and ended (1)').click();
  await expect(page.getByText('Revoked', { exact: true })).toBeVisible();
  await shoot(page, 'member-tokens-revoked', [phone]);
});

test('in the shop: subscribe through the widget, charge later, a seller charges through a derived token, over a limit is refused', async () => {
  test.setTimeout(180_000);
  const page = await world.shopper.context.newPage();
  await page.goto(`${shop}/subscription`);
  await expect(page.getByRole('heading', { level: 1, name: 'Subscribe' })).toBeVisible();
  const pay = page.getByRole('button', { name: 'Pay with Token' });
  await expect(pay).toBeVisible();
  await shoot(page, 'member-tokens-shop-subscribe');

  const { popup, passkeyUses, done } = await walletPopup(world.shopper, () => pay.click());
  await expect(popup.getByRole('heading', { level: 1, name: 'Allow later charges' })).toBeVisible({
    timeout: 20_000,
  });
  // What the shop's backend fixed, in words, before the user allows it.
  await expect(popup.getByText('€15.00')).toBeVisible();
  await expect(popup.getByText('€60.00')).toBeVisible();
  await expect(popup.getByText('At most 4')).toBeVisible();
  await shoot(popup, 'member-tokens-approve', [phone, { width: 440, height: 720 }]);
  await expectAccessible(popup, 'member-token approval');
  await popup.getByRole('button', { name: 'Allow' }).click();
  // The shop page reloads itself once its backend verified the result and stored the token.
  await expect(page.getByRole('heading', { level: 1, name: 'Your subscription' })).toBeVisible({
    timeout: 30_000,
  });
  await done();
  // EUR 60 in all is above the low-value exemption: the passkey confirmed it.
  expect(passkeyUses()).toBe(1);
  await expect(page.getByTestId('token-usage')).toHaveText(/0 of 4 charges, €0\.00 of €60\.00/);

  // A delivery, charged later by the shop's backend with its own key.
  await page.getByRole('button', { name: 'Deliver with saved payment: House espresso beans' }).click();
  await expect(page.getByTestId('charge-notice')).toHaveText('Charged €12.50 for House espresso beans.');
  await expect(page.getByTestId('token-usage')).toHaveText(/1 of 4 charges, €12\.50 of €60\.00/);

  // The marketplace seller charges through its own sub-merchant token: it counts at both levels.
  await page.getByRole('button', { name: /Order the sample/ }).click({ timeout: 30_000 });
  await expect(page.getByTestId('charge-notice')).toHaveText(/^Charged €8\.00 for /);
  await expect(page.getByTestId('seller-usage')).toHaveText(/1 of 2 charges, €8\.00 of €20\.00/);
  await expect(page.getByTestId('token-usage')).toHaveText(/2 of 4 charges, €20\.50 of €60\.00/);

  // Over the largest single charge: refused by the limit, and nothing moved.
  await page.getByRole('button', { name: 'Deliver with saved payment: Burr grinder' }).click();
  await expect(page.getByTestId('charge-notice')).toContainText('largest single charge');
  await expect(page.getByTestId('charge-notice')).toContainText('Nothing was charged.');
  await expect(page.getByTestId('token-usage')).toHaveText(/2 of 4 charges, €20\.50 of €60\.00/);
  await shoot(page, 'member-tokens-shop-charges');
  await expectAccessible(page, 'shop subscription with charges');

  // The wallet shows the shop's token with the same usage, and the seller's derived one.
  await world.shopper.page.goto(`${wallet}/member-tokens`);
  const shopCard = world.shopper.page.getByRole('listitem').filter({ hasText: '€20.50 of €60.00' });
  await expect(shopCard).toBeVisible();
  await expect(shopCard.getByText('2 of 4')).toBeVisible();
  await expect(world.shopper.page.getByText(/Passed on to a sub-merchant/)).toBeVisible();
  await shoot(world.shopper.page, 'member-tokens-list');
  await page.close();
});
