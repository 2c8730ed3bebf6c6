/// <reference lib="dom" />
// Personal data under consent (issue 9): the shopper keeps an address book in the wallet; the
// shop's payment request asks for a shipping address; the wallet's approval shows the payment and
// the address picker, and one passkey prompt approves both tokens; the shop reads the address
// with its access token and shows it on the order; the grant is listed under Connected apps. Then a
// shopper who shares no address still pays (the demo shop asks for an address as optional), and
// an address added from the approval is the one that checkout ships to.
import { expect, test } from '@playwright/test';
import {
  cartWith,
  cloud,
  collectErrors,
  payToOrder,
  shoot,
  shop,
  shopperJourneys,
  wallet,
  walletPopup,
} from './checkout-world.ts';

const world = shopperJourneys([cloud, shop], 'the shipping journey needs the cloud, a bank and the shop');

test('checkout that shares a shipping address: one approval, and the shop shows the address', async () => {
  test.setTimeout(180_000);
  // The address book, in the wallet's own tab.
  const w = world.shopper.page;
  const walletErrors = collectErrors(w);
  await w.goto(`${wallet}/profile`);
  await expect(w.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible({ timeout: 20_000 });
  await w.getByRole('button', { name: 'Add an address' }).click();
  await w.getByLabel('Name for this address').fill('Home');
  await w.getByLabel('Recipient').fill('Alice Liddell');
  await w.getByLabel('Street and number').fill('Rabbit Hole Lane 7');
  await w.getByLabel('City').fill('Oxford');
  await w.getByLabel('Postal code').fill('OX1 1AA');
  // The country by its name; a postal code that is not the country's is named, and nothing is saved.
  await w.getByLabel('Country').selectOption({ label: 'Germany' });
  await w.getByRole('button', { name: 'Add address' }).click();
  await expect(w.getByText('This is not a postal code of Germany. Check it, and the country.')).toBeVisible();
  await expect(w.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
  await w.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await w.getByRole('button', { name: 'Add address' }).click();
  await expect(w.getByText('Rabbit Hole Lane 7, OX1 1AA Oxford, United Kingdom')).toBeVisible({
    timeout: 20_000,
  });
  // A phone number is read as people write it and kept in E.164; what is no number is refused.
  await w.getByLabel('Phone').fill('call me');
  await w.getByRole('button', { name: 'Save profile' }).click();
  await expect(w.getByText(/This is not a phone number we can reach/)).toBeVisible();
  await w.getByLabel('Phone').fill('+44 20 7946 0958');
  await w.getByRole('button', { name: 'Save profile' }).click();
  await expect(w.getByText('Profile saved.')).toBeVisible({ timeout: 20_000 });
  await expect(w.getByLabel('Phone')).toHaveValue('+442079460958');
  await shoot(w, 'shipping-profile');

  const page = await world.shopper.context.newPage();
  const errors = collectErrors(page);
  await cartWith(page, 'House espresso beans');
  const { popup, passkeyUses, done } = await walletPopup(world.shopper, () =>
    page.getByRole('button', { name: 'Pay with Token' }).click(),
  );
  await expect(popup.getByRole('heading', { level: 1, name: 'Approve payment' })).toBeVisible({
    timeout: 20_000,
  });
  const shipTo = popup.getByRole('group', { name: 'Ship to' });
  await expect(shipTo).toBeVisible();
  // Beans ship somewhere: the address is chosen by default; not sharing one stays a choice (the
  // shop asks for it as optional).
  await expect(shipTo.getByRole('radio', { name: /Home · Alice Liddell/ })).toBeChecked();
  await expect(shipTo.getByRole('radio', { name: /Don’t share an address/ })).not.toBeChecked();
  await shoot(popup, 'shipping-approve', [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]);

  await payToOrder(page, popup, done, '€12.50', { orderTimeout: 40_000 });
  // One passkey prompt approved the payment and the address grant together.
  expect(passkeyUses()).toBe(1);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  const shipping = page.getByTestId('order-shipping');
  await expect(shipping).toContainText('Alice Liddell');
  await expect(shipping).toContainText('Rabbit Hole Lane 7');
  await expect(shipping).toContainText('OX1 1AA Oxford');
  await expect(shipping).toContainText('United Kingdom');
  await expect(shipping).not.toContainText('Home');
  await shoot(page, 'shipping-order');

  // The grant beside account grants, with what it shares and its last use.
  await w.goto(`${wallet}/grants`);
  const grant = w
    .getByRole('listitem')
    .filter({ has: w.getByRole('heading', { level: 2 }) })
    .filter({ hasText: 'Rabbit Hole Lane 7' });
  await expect(grant).toBeVisible({ timeout: 20_000 });
  await expect(grant.getByText('Address', { exact: true })).toBeVisible();
  await expect(grant.getByText('Not used yet')).toHaveCount(0);
  await shoot(w, 'shipping-grants');
  expect(errors).toEqual([]);
  expect(walletErrors).toEqual([]);
  await page.close();
});

test('a shopper who shares no address still pays', async () => {
  test.setTimeout(120_000);
  const page = await world.shopper.context.newPage();
  const errors = collectErrors(page);
  await cartWith(page, 'House espresso beans');
  const { popup, done } = await walletPopup(world.shopper, () =>
    page.getByRole('button', { name: 'Pay with Token' }).click(),
  );
  const shipTo = popup.getByRole('group', { name: 'Ship to' });
  await expect(shipTo).toBeVisible({ timeout: 20_000 });
  await shipTo.getByRole('radio', { name: /Don’t share an address/ }).check();
  await payToOrder(page, popup, done, '€12.50', { orderTimeout: 40_000 });
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-shipping')).toHaveText(/No address shared/);
  expect(errors).toEqual([]);
  await page.close();
});

test('an address added during checkout is the one this checkout ships to', async () => {
  test.setTimeout(150_000);
  const page = await world.shopper.context.newPage();
  const errors = collectErrors(page);
  await cartWith(page, 'House espresso beans');
  const { popup, done } = await walletPopup(world.shopper, () =>
    page.getByRole('button', { name: 'Pay with Token' }).click(),
  );
  const shipTo = popup.getByRole('group', { name: 'Ship to' });
  await expect(shipTo).toBeVisible({ timeout: 20_000 });
  // From the approval to the address book and back, in the same window.
  await shipTo.getByRole('link', { name: 'Add or edit addresses' }).click();
  await expect(popup.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible({ timeout: 20_000 });
  await popup.getByRole('button', { name: 'Add an address' }).click();
  await popup.getByLabel('Name for this address').fill('Office');
  await popup.getByLabel('Recipient').fill('Alice Liddell');
  await popup.getByLabel('Street and number').fill('Looking Glass Row 2');
  await popup.getByLabel('City').fill('Oxford');
  await popup.getByLabel('Postal code').fill('OX2 6GG');
  await popup.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await popup.getByRole('button', { name: 'Add address' }).click();
  await expect(popup.getByRole('heading', { level: 1, name: 'Approve payment' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(shipTo.getByRole('radio', { name: /Office · Alice Liddell/ })).toBeChecked();
  await expect(shipTo.getByRole('radio', { name: /Home · Alice Liddell/ })).not.toBeChecked();
  await payToOrder(page, popup, done, '€12.50', { orderTimeout: 40_000 });
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-shipping')).toContainText('Looking Glass Row 2');
  expect(errors).toEqual([]);
  await page.close();
});
