/// <reference lib="dom" />
// A second device (issue 15 item 2), as two browser contexts with a virtual authenticator each:
// the new device shows a code, the old one types it, sees the same code and the device's name,
// confirms with its passkey; the new device gets its own passkey, links its bank and pays at the
// shop. Then the old device removes it, and the new device's next signature is refused.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  cartWith,
  cloud,
  desktop,
  ironBank,
  newShopper,
  payToOrder,
  phone,
  type Shopper,
  shoot,
  shop,
  wallet,
  walletPopup,
} from './checkout-world.ts';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';

test.describe.configure({ mode: 'serial' });
test.skip(!cloud || !shop, 'the device journeys need the cloud, a bank and the shop');

let first: Shopper | undefined;
let second: Shopper | undefined;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
  for (const c of contexts) await c.close();
});

function both(): { first: Shopper; second: Shopper } {
  if (!first || !second) throw new Error('the devices are paired in the first test');
  return { first, second };
}

async function linkIronBank(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Link a bank account' }).first().click();
  await page.getByRole('button', { name: 'Link Iron Bank' }).click();
  await page.waitForURL(`${ironBank}/link?**`);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('checkbox', { name: /Current account/ }).check();
  await page.getByRole('button', { name: 'Link selected accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Iron Bank is linked' })).toBeVisible({
    timeout: 30_000,
  });
}

test('add a device: the old one types its code, both show the same code, the new one pays at the shop', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const oldContext = await browser.newContext({ viewport: desktop });
  const newContext = await browser.newContext({ viewport: desktop });
  contexts.push(oldContext, newContext);
  first = await newShopper(oldContext, { emailPrefix: 'devices' });

  // The new device: its own keys, a code and a QR code.
  const page = await newContext.newPage();
  const auth = await addVirtualAuthenticator(page);
  second = { context: newContext, page, auth };
  await page.goto(`${wallet}/`);
  await page.getByRole('link', { name: 'I already have a wallet' }).click();
  await page.getByLabel('Name of this device').fill('Work laptop');
  await page.getByRole('button', { name: 'Show my code' }).click();
  const shown = page.getByTestId('pairing-code');
  await expect(shown).toHaveText(/^[A-Z0-9]{4} [A-Z0-9]{4}$/, { timeout: 30_000 });
  const code = (await shown.textContent()) ?? '';
  await expect(page.getByRole('img', { name: 'QR code with your code' })).toBeVisible();
  await shoot(page, 'devices-new-code');

  // The old device: types the code, sees the name, the same code and what the device may do.
  const old = first.page;
  await old.goto(`${wallet}/security`);
  await old.getByRole('button', { name: 'Add a device' }).click();
  await old.getByLabel('Code from the new device').fill(code.replace(' ', '').toLowerCase());
  await old.getByRole('button', { name: 'Find the device' }).click();
  await expect(old.getByText('Add “Work laptop” to your wallet?')).toBeVisible({ timeout: 20_000 });
  await expect(old.getByText(`Check that the new device shows ${code}.`)).toBeVisible();
  await expect(old.getByText('approve small payments without asking for a passkey')).toBeVisible();
  await shoot(old, 'devices-add-confirm');
  const before = await first.auth.credentials();
  await old.getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(old.getByText('Work laptop is added.', { exact: false })).toBeVisible({ timeout: 30_000 });
  expect((await first.auth.credentials())[0]?.signCount).toBeGreaterThan(before[0]?.signCount ?? 0);
  const devices = old.getByTestId('devices');
  await expect(devices.getByText('Work laptop')).toBeVisible();
  await expect(devices.getByText('The device you made the wallet on')).toBeVisible();

  // The new device learns it was added, and gets a passkey of its own.
  await expect(page.getByRole('heading', { level: 1, name: 'This device is added' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This device is ready' })).toBeVisible({
    timeout: 30_000,
  });
  expect(await auth.credentials()).toHaveLength(1);
  await linkIronBank(page);

  // And pays from it, with its own passkey (a large payment needs one).
  const shopTab = await newContext.newPage();
  await cartWith(shopTab, 'Burr grinder');
  const { popup, passkeyUses, done } = await walletPopup(second, () =>
    shopTab.getByRole('button', { name: 'Pay with Token' }).click(),
  );
  await expect(popup.getByText('€224.00').first()).toBeVisible({ timeout: 20_000 });
  await payToOrder(shopTab, popup, done, '€224.00');
  // The new device's own passkey approved it (the popup may also ask it once to unlock the wallet).
  expect(passkeyUses()).toBeGreaterThanOrEqual(1);
  await expect(shopTab.getByTestId('order-status')).toHaveText('Paid');
  await shopTab.close();
});

test('remove a device: the old one removes it, and the new one’s next signature is refused', async () => {
  test.setTimeout(120_000);
  const { first: old, second: removed } = both();
  await old.page.goto(`${wallet}/security`);
  const devices = old.page.getByTestId('devices');
  await expect(devices.getByText('Work laptop')).toBeVisible({ timeout: 20_000 });
  // The new device signed (its payment), so it shows as used; the old one is this device.
  await expect(devices.getByText('This device', { exact: true })).toBeVisible();
  await expect(devices.getByRole('listitem').filter({ hasText: 'Work laptop' })).toContainText('Last used');
  await old.page.getByRole('button', { name: 'Remove Work laptop' }).click();
  await old.page.getByRole('button', { name: 'Remove device' }).click();
  await expect(old.page.getByText('Work laptop is removed. Your banks were told.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(devices.getByText('Work laptop')).toHaveCount(0);

  // The removed device's next signed call: refused, in plain words.
  await removed.page.goto(`${wallet}/security`);
  await expect(removed.page.getByText('This device can no longer sign for your wallet').first()).toBeVisible({
    timeout: 30_000,
  });
  await shoot(removed.page, 'devices-removed');
});

test('the new device’s screens in German fit a 360 px phone', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ viewport: phone, locale: 'de-DE' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${wallet}/pair`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ihre Wallet auf diesem Gerät nutzen' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Meinen Code zeigen' }).click();
  await expect(page.getByTestId('pairing-code')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  await shoot(page, 'devices-new-code-de', [phone]);
});
