/// <reference lib="dom" />
// The demo budgeting app (Tally) across origins: "Connect your bank" asks the shopper's wallet for
// an access grant in a popup (passkey), the dashboard reads accounts, balances and transactions
// through the cloud; the shopper narrows the grant in the wallet (the app follows the replacement),
// then revokes it: the app's next read is refused, it says so plainly, and reconnecting works.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  budget,
  cloud,
  collectErrors,
  desktop,
  newShopper,
  phone,
  type Shopper,
  shoot,
  wallet,
  walletPopup,
} from './checkout-world.ts';

test.describe.configure({ mode: 'serial' });
test.skip(!cloud || !budget, 'the budgeting journeys need the cloud, a bank and the budgeting app');

let shopper: Shopper;
let app: Page;
let errors: string[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  shopper = await newShopper(await browser.newContext({ viewport: desktop }));
  app = await shopper.context.newPage();
  errors = collectErrors(app);
});

test.afterAll(async () => {
  await shopper?.context.close();
});

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

async function connect(heading: string): Promise<void> {
  await expect(app.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  const { popup, passkeyUses, done } = await walletPopup(shopper, () =>
    app.getByRole('button', { name: 'Connect with Token' }).click(),
  );
  await expect(popup.getByRole('heading', { level: 1, name: 'Allow access to your accounts' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(popup.getByText('We could not verify who is asking')).toHaveCount(0);
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
  await expectAccessible(app, 'welcome');
  await shoot(app, 'budget-connect');

  await connect('Connect your bank');
  await expect(app.getByRole('heading', { level: 1, name: 'Your money' })).toBeVisible({ timeout: 20_000 });
  const accounts = app.getByTestId('accounts');
  await expect(accounts.getByText('Current account')).toBeVisible();
  await expect(accounts.getByText('Savings')).toBeVisible();
  await expect(accounts.getByText(/^\*{4} \d{4}$/).first()).toBeVisible();
  await expect(app.getByTestId('balance').first()).toHaveText(/^€[\d,]+\.\d{2}$/);
  await expect(app.getByTestId('transactions').getByText('Opening balance').first()).toBeVisible();
  await expectAccessible(app, 'dashboard');
  await shoot(app, 'budget-dashboard');
  await app.emulateMedia({ colorScheme: 'dark' });
  await shoot(app, 'budget-dashboard-dark', [phone]);
  await app.emulateMedia({ colorScheme: 'light' });
});

test('narrowed in the wallet: the app follows the new grant and shows what it may still read', async () => {
  test.setTimeout(60_000);
  const { page } = shopper;
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
  const { page } = shopper;
  await page.goto(`${wallet}/grants`);
  const grant = page.getByRole('listitem').filter({ hasText: 'Tally' });
  await expect(grant).toContainText('Current account');
  await grant.getByRole('button', { name: 'Revoke…' }).click();
  await grant.getByRole('button', { name: 'Revoke access' }).click();
  await expect(page.getByRole('heading', { name: 'No app can read your accounts' })).toBeVisible({
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
  await expectAccessible(app, 'revoked');
  await shoot(app, 'budget-revoked');
});

test('reconnecting asks for a new grant and reads again', async () => {
  test.setTimeout(120_000);
  await connect('Reconnect your bank');
  await expect(app.getByRole('heading', { level: 1, name: 'Your money' })).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId('accounts').getByText('Current account')).toBeVisible();
  expect(errors).toEqual([]);
});
