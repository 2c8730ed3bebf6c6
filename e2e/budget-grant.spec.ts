/// <reference lib="dom" />
// The demo budgeting app (Tally) across origins: "Connect your bank" asks the shopper's wallet for
// an access grant in a popup (passkey), the dashboard reads accounts, balances and transactions
// through the cloud; the shopper narrows the grant in the wallet (the app follows the replacement),
// then revokes it: the app's next read is refused, it says so plainly, and reconnecting works.
import { expect, type Page, test } from '@playwright/test';
import {
  budget,
  cloud,
  collectErrors,
  ironBank,
  phone,
  shoot,
  shopperJourneys,
  wallet,
  walletPopup,
} from './checkout-world.ts';
import { expectAccessible } from './helpers/axe.ts';

const world = shopperJourneys(
  [cloud, budget],
  'the budgeting journeys need the cloud, a bank and the budgeting app',
);
let app: Page;
let errors: string[];

test.beforeAll(async () => {
  app = await world.shopper.context.newPage();
  errors = collectErrors(app);
});

async function connect(heading: string, o: { shareName?: boolean } = {}): Promise<void> {
  await expect(app.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  const { popup, passkeyUses, done } = await walletPopup(world.shopper, () =>
    app.getByRole('button', { name: 'Connect with Token' }).click(),
  );
  await expect(popup.getByRole('heading', { level: 1, name: 'Allow access to your accounts' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(popup.getByText('We could not verify who is asking')).toHaveCount(0);
  // The app asks for the name too; nothing from the profile is shared unless ticked.
  const name = popup.getByRole('checkbox', { name: 'Your name' });
  await expect(name).not.toBeChecked();
  if (o.shareName) await name.check();
  await shoot(popup, 'budget-wallet-consent', [{ width: 440, height: 720 }]);
  const closed = popup.waitForEvent('close', { timeout: 30_000 });
  await popup.getByRole('button', { name: 'Allow access' }).click();
  await closed;
  await done();
  // Access grants always take the passkey (PSD2 RTS Art. 10).
  expect(passkeyUses()).toBe(1);
}

test('connect your bank: a grant with the passkey, then balances and transactions', async () => {
  test.setTimeout(120_000);
  await app.goto(`${budget}/`);
  await expect(app.getByRole('heading', { level: 1, name: 'See all your money in one place' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Connect with Token' })).toBeVisible();
  await expectAccessible(app, 'welcome', { bestPractice: true });
  await shoot(app, 'budget-connect');
  // The footer's language links: the page and the widget's button in Polish, then English again.
  await app.getByRole('link', { name: 'Polski' }).click();
  await expect(
    app.getByRole('heading', { level: 1, name: 'Wszystkie Twoje pieniądze w jednym miejscu' }),
  ).toBeVisible();
  await expect(app.getByRole('button', { name: 'Połącz przez Token' })).toBeVisible();
  await app.getByRole('link', { name: 'English' }).click();
  await expect(app.getByRole('button', { name: 'Connect with Token' })).toBeVisible();

  // A name in the wallet's profile, shared with the app in the grant (issue 9: PII by consent).
  await world.shopper.page.goto(`${wallet}/profile`);
  await world.shopper.page.getByLabel('Name', { exact: true }).fill('Alice Liddell');
  await world.shopper.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(world.shopper.page.getByText('Profile saved.')).toBeVisible();

  await connect('Connect your bank', { shareName: true });
  await expect(app.getByRole('heading', { level: 1, name: 'Alice Liddell, your money' })).toBeVisible({
    timeout: 20_000,
  });
  const accounts = app.getByTestId('accounts');
  await expect(accounts.getByText('Current account')).toBeVisible();
  await expect(accounts.getByText('Savings')).toBeVisible();
  await expect(accounts.getByText(/^\*{4} \d{4}$/).first()).toBeVisible();
  await expect(app.getByTestId('balance').first()).toHaveText(/^€[\d,]+\.\d{2}$/);
  await expect(app.getByTestId('transactions').getByText('Opening balance').first()).toBeVisible();
  await expectAccessible(app, 'dashboard', { bestPractice: true });
  await shoot(app, 'budget-dashboard');
  await app.emulateMedia({ colorScheme: 'dark' });
  await shoot(app, 'budget-dashboard-dark', [phone]);
  await app.emulateMedia({ colorScheme: 'light' });

  // In Polish, on a phone: its longer words and its way of writing money still fit the screen.
  await app.getByRole('link', { name: 'Polski' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Alice Liddell, Twoje pieniądze' })).toBeVisible();
  await expect(app.getByTestId('balance').first()).toHaveText(/^\d[\d\s]*,\d{2}\s€$/);
  const before = app.viewportSize();
  await app.setViewportSize(phone);
  const { scrollWidth, clientWidth } = await app.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(
    scrollWidth,
    `the Polish dashboard is ${scrollWidth} px wide on a ${clientWidth} px screen`,
  ).toBeLessThanOrEqual(clientWidth);
  await expectAccessible(app, 'dashboard in Polish', { bestPractice: true });
  await shoot(app, 'budget-dashboard-pl', [phone]);
  if (before) await app.setViewportSize(before);
  await app.getByRole('link', { name: 'English' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Alice Liddell, your money' })).toBeVisible();
});

test('narrowed in the wallet: the app follows the new grant and shows what it may still read', async () => {
  test.setTimeout(60_000);
  const { page } = world.shopper;
  await page.goto(`${wallet}/grants`);
  const grant = page.getByRole('listitem').filter({ hasText: 'Tally' });
  await grant.getByRole('button', { name: 'Narrow…' }).click();
  await grant.getByRole('checkbox', { name: 'Transactions' }).uncheck();
  await grant.getByRole('button', { name: 'Save with passkey' }).click();
  await expect(grant.getByRole('button', { name: 'Narrow…' })).toBeVisible({ timeout: 20_000 });

  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Your money' })).toBeVisible();
  await expect(app.getByTestId('balance').first()).toHaveText(/^€[\d,]+\.\d{2}$/);
  await expect(app.getByTestId('accounts').getByText('Transactions not shared').first()).toBeVisible();
  await expect(app.getByTestId('transactions')).toHaveCount(0);
});

test('revoked in the wallet: the next read is refused and the app says so plainly', async () => {
  test.setTimeout(60_000);
  const { page } = world.shopper;
  await page.goto(`${wallet}/grants`);
  const grant = page.getByRole('listitem').filter({ hasText: 'Tally' });
  await expect(grant).toContainText('Current account');
  await grant.getByRole('button', { name: 'Revoke…' }).click();
  await grant.getByRole('button', { name: 'Revoke access' }).click();
  await expect(page.getByRole('heading', { name: 'No app can read your data' })).toBeVisible({
    timeout: 20_000,
  });

  await app.reload();
  await expect(
    app.getByRole('heading', { level: 1, name: 'Your bank connection was turned off' }),
  ).toBeVisible();
  await expect(app.getByTestId('grant-ended')).toContainText(
    'You revoked Tally’s access in your Token wallet',
  );
  // Nothing read before the revocation is still on show.
  await expect(app.getByTestId('accounts')).toHaveCount(0);
  await expect(app.getByTestId('transactions')).toHaveCount(0);
  await expectAccessible(app, 'revoked', { bestPractice: true });
  await shoot(app, 'budget-revoked');
});

test('reconnecting asks for a new grant and reads again', async () => {
  test.setTimeout(120_000);
  await connect('Reconnect your bank');
  await expect(app.getByRole('heading', { level: 1, name: 'Your money', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(app.getByTestId('accounts').getByText('Current account')).toBeVisible();
  expect(errors).toEqual([]);
});

test('revoked at the bank: online banking lists the app, and stopping it there ends it everywhere', async () => {
  test.setTimeout(90_000);
  test.skip(!ironBank, 'Iron Bank is not running');
  const bank = await world.shopper.context.newPage();
  await bank.goto(`${ironBank}/`);
  await expect(bank.getByRole('heading', { level: 1, name: 'Online banking' })).toBeVisible();
  await bank.getByLabel('Username').fill('alice');
  await bank.getByLabel('Password').fill('not-her-password');
  await bank.getByRole('button', { name: 'Sign in' }).click();
  await expect(bank.getByRole('alert')).toHaveText('Wrong username or password.');
  // The username stays; only the password is typed again.
  await expect(bank.getByLabel('Username')).toHaveValue('alice');
  await bank.getByLabel('Password').fill('alice-password');
  await bank.getByRole('button', { name: 'Sign in' }).click();
  await expect(bank.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
  await expect(bank.getByRole('cell', { name: /Current account/ })).toBeVisible();
  await expect(bank.getByRole('cell', { name: /^€[\d,]+\.\d{2}$/ }).first()).toBeVisible();
  await expectAccessible(bank, 'bank accounts', { bestPractice: true });
  await shoot(bank, 'bank-accounts');

  await bank.getByRole('link', { name: 'Apps with access' }).click();
  // The grants Tally held before (narrowed, revoked in the wallet) show as ended; one is live.
  const tally = bank
    .getByRole('listitem')
    .filter({ hasText: 'Tally can see' })
    .filter({ has: bank.getByRole('button', { name: 'Stop access' }) });
  await expect(tally).toHaveCount(1);
  await expect(bank.getByRole('listitem').filter({ hasText: 'Replaced by a newer permission' })).toHaveCount(
    1,
  );
  await expect(bank.getByRole('listitem').filter({ hasText: 'Token wallet' }).first()).toBeVisible();
  await expectAccessible(bank, 'apps with access', { bestPractice: true });
  await shoot(bank, 'bank-apps-with-access');
  await tally.getByRole('button', { name: 'Stop access' }).click();
  await expect(bank.getByRole('status')).toHaveText('The app can no longer see your accounts.');
  await expect(
    bank.getByRole('listitem').filter({ hasText: 'Tally could see' }).filter({ hasText: 'Access ended' }),
  ).toHaveCount(1);
  await expect(bank.getByRole('button', { name: 'Stop access' })).toHaveCount(0);

  // The wallet shows no live grant for the app, and the app says its connection was turned off.
  const { page } = world.shopper;
  await page.goto(`${wallet}/grants`);
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Tally' }).getByRole('button', { name: 'Revoke…' }),
  ).toHaveCount(0);
  await app.reload();
  await expect(
    app.getByRole('heading', { level: 1, name: 'Your bank connection was turned off' }),
  ).toBeVisible();
  await bank.close();
});
