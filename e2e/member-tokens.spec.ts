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
  await page.getByRole('navigation', { name: 'Wallet' }).getByRole('link', { name: 'Subscriptions' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Subscriptions and saved permissions' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No merchant can charge you' })).toBeVisible();
  await shoot(page, 'member-tokens-empty');
  await expectAccessible(page, 'member tokens, empty');

  await page.getByRole('button', { name: 'Let a shop charge you later' }).click();
  // Every limit left empty would let the shop charge anything: the form asks for a worded "no limit"
  // first, and nothing is created (no passkey asked).
  await page.getByRole('textbox', { name: 'Merchant' }).fill(new URL(shop!).host);
  const noLimit = page.getByRole('checkbox', { name: /I allow charges without a limit/ });
  await expect(noLimit).not.toBeChecked();
  const untouched = world.shopper.auth.assertions();
  await page.getByRole('button', { name: 'Save permission' }).click();
  await expect(
    page.getByText('Set at least one limit, or tick “I allow charges without a limit”.'),
  ).toBeVisible();
  await expect(noLimit).toBeFocused();
  expect(world.shopper.auth.assertions()).toBe(untouched);
  await shoot(page, 'member-tokens-no-limit-asked', [phone]);
  await expectAccessible(page, 'member token form asking about no limit');
  // A bad limit is named beside its field, and nothing is created.
  await page.getByLabel('Largest single charge (EUR)').fill('80');
  await page.getByLabel('Total of all charges (EUR)').fill('50');
  // With a limit set, there is nothing to confirm about "no limit".
  await expect(noLimit).toBeHidden();
  await page.getByRole('button', { name: 'Save permission' }).click();
  await expect(page.getByText('A single charge cannot be more than the total.')).toBeVisible();
  await expect(page.getByLabel('Largest single charge (EUR)')).toBeFocused();
  await expectAccessible(page, 'member token form with an error');
  await shoot(page, 'member-tokens-form-error', [phone]);

  await page.getByLabel('Largest single charge (EUR)').fill('20');
  await page.getByRole('textbox', { name: 'Number of charges' }).fill('3');
  await page.getByLabel('Also use it as my loyalty id').check();
  const before = world.shopper.auth.assertions();
  await page.getByRole('button', { name: 'Save permission' }).click();
  const saved = page.getByText(/^Saved\. The shop can now charge you/);
  await expect(saved).toBeVisible({ timeout: 30_000 });
  // EUR 50 in all is above the low-value exemption: the passkey confirmed it.
  expect(world.shopper.auth.assertions()).toBe(before + 1);

  const card = page.getByRole('listitem').filter({ hasText: 'Charged in total' }).first();
  await expect(card.getByText('Active')).toBeVisible();
  await expect(card.getByText(/€0\.00 of €50\.00/)).toBeVisible();
  await expect(card.getByText('0 of 3')).toBeVisible();
  await expect(card.getByRole('meter').first()).toBeVisible();

  await card.getByRole('button', { name: 'Show code' }).click();
  await expect(card.getByRole('img', { name: 'QR code to show the merchant' })).toBeVisible();
  const text = card.getByRole('textbox', { name: 'Code as text' });
  await expect(text).toHaveValue(/^[0-9a-f]{116}$/);
  // Formats and ids are there for whoever needs them, behind "Advanced details".
  await expect(card.getByRole('radio', { name: 'JWT' })).toBeHidden();
  await card.getByText('Advanced details').click();
  await shoot(page, 'member-tokens-code');
  await expectAccessible(page, 'member token with its code');
  await card.getByRole('radio', { name: 'JWT' }).check();
  await expect(card.getByRole('img', { name: 'QR code to show the merchant (JWT)' })).toBeVisible();
  await expect(text).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  await card.getByRole('button', { name: 'Revoke…' }).click();
  await expect(card.getByRole('group', { name: /Revoke this token\?/ })).toBeVisible();
  await card.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('heading', { name: 'No merchant can charge you' })).toBeVisible();
  // The revoke says so, and the notice of its creation is gone.
  await expect(page.getByText(/^Revoked\. .+ can no longer charge you\.$/)).toBeVisible();
  await expect(saved).toBeHidden();
  await page.getByText('Revoked and ended (1)').click();
  await expect(page.getByText('Revoked', { exact: true })).toBeVisible();
  await shoot(page, 'member-tokens-revoked', [phone]);
});

test('no limit only when the shopper says so in words; Activity shows it as "No limit", never a placeholder amount', async () => {
  test.setTimeout(120_000);
  const page = world.shopper.page;
  await page.goto(`${wallet}/member-tokens`);
  await page.getByRole('button', { name: 'Let a shop charge you later' }).click();
  await page.getByRole('textbox', { name: 'Merchant' }).fill(new URL(shop!).host);
  await page.getByRole('checkbox', { name: /I allow charges without a limit/ }).check();
  await page.getByRole('button', { name: 'Save permission' }).click();
  await expect(page.getByText(/^Saved\. The shop can now charge you/)).toBeVisible({ timeout: 30_000 });
  const card = page.getByRole('listitem').filter({ hasText: 'Charged in total' }).first();
  await expect(card.getByText('€0.00, no total limit')).toBeVisible();

  // Activity opens from the loaded wallet (its accounts screen shown); how long it takes to show
  // the list is printed, not asserted.
  await page.goto(`${wallet}/`);
  await expect(
    page.getByRole('heading', { level: 4, name: 'Approved with this wallet' }).first(),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('No limit', { exact: true }).first()).toBeVisible();
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Wallet' }).getByRole('link', { name: 'Activity' }).click();
  const item = page.getByRole('listitem').filter({ hasText: 'Saved permission for' }).first();
  await expect(item).toBeVisible();
  console.log(`Activity list shown ${Date.now() - started} ms after the click`);
  await expect(item.getByText('No limit', { exact: true })).toBeVisible();
  await expect(item.getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByText(/10,000,000,000/)).toHaveCount(0);
  await shoot(page, 'activity-no-limit');
  await expectAccessible(page, 'activity with a permission without limit');

  // Revoked where it was made; the revoke says so.
  await page.goto(`${wallet}/member-tokens`);
  await card.getByRole('button', { name: 'Revoke…' }).click();
  await card.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByText(/^Revoked\. .+ can no longer charge you\.$/)).toBeVisible();
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

  // In Activity the subscription reads as a limit, not as a payment of its total.
  await world.shopper.page.goto(`${wallet}/activity`);
  const allowed = world.shopper.page
    .getByRole('listitem')
    .filter({ hasText: 'Up to €60.00 in total' })
    .first();
  await expect(allowed).toBeVisible();
  await expect(allowed.getByText('Active', { exact: true })).toBeVisible();
  await expect(allowed).toContainText('up to €15.00 a charge');
  await shoot(world.shopper.page, 'activity-subscription');
  await page.close();
});
