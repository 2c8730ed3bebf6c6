// A wallet that locked while an approval was open shows who asks and how much on its lock screen
// (issue 14), in English and in the chosen language, and unlocking leads back to that approval.
// The shop is a member made here with the SDK, against the stack's cloud.
import { expect, test } from '@playwright/test';
import { CloudClient, createTokenRequest, Member, MemoryKeyStore } from '@tokenos/sdk';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';
import { stackUrls } from './stack.ts';

const { wallet, cloud } = stackUrls();
test.use({ baseURL: wallet, viewport: { width: 360, height: 740 } });
test.skip(!cloud, 'the lock screen with a waiting payment needs the cloud');

test('locked during an approval: the lock screen names the shop and the amount', async ({ page }) => {
  test.setTimeout(90_000);
  const auth = await addVirtualAuthenticator(page);
  const shop = await Member.create(new CloudClient({ baseUrl: cloud ?? '' }), new MemoryKeyStore());

  // A wallet with keys and a passkey (the email skipped): enough for the lock to apply.
  await page.goto('/setup');
  await page.getByRole('button', { name: 'Create my keys' }).click();
  await page.getByRole('button', { name: 'Add a passkey' }).click({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Skip for now' }).click({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet is ready' })).toBeVisible({
    timeout: 20_000,
  });
  expect(auth.registrations()).toBe(1);

  const request = await createTokenRequest(shop, {
    body: {
      kind: 'transfer',
      amount: { value: '12.50', currency: 'EUR' },
      description: 'Order for the lock screen',
      refId: `lock-${Date.now()}`,
    },
    requester: { name: 'Lock Test Shop', domain: 'shop.test' },
    returnOrigin: 'http://shop.test',
  });
  await page.goto(`/approve?request=${request.id}&nonce=e2e-lock-nonce-0001`);
  await expect(page.getByText('Lock Test Shop').first()).toBeVisible({ timeout: 20_000 });

  // Six minutes without a touch, as the lock sees it.
  await page.evaluate(() =>
    localStorage.setItem('token-wallet:last-active', String(Date.now() - 6 * 60_000)),
  );
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet locked' })).toBeVisible();
  const waiting = page.locator('.lock-waiting');
  await expect(waiting).toHaveText('Lock Test Shop asks you to pay €12.50. Unlock to continue.');

  // The same in German, money as German writes it.
  await page.evaluate(() => localStorage.setItem('wallet.language', 'de'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet gesperrt' })).toBeVisible();
  await expect(waiting).toHaveText(
    /^Lock Test Shop bittet Sie, 12,50\s€ zu zahlen\. Entsperren Sie, um fortzufahren\.$/,
  );

  // Unlocking with the passkey opens the approval again.
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet gesperrt' })).toHaveCount(0, {
    timeout: 20_000,
  });
  await expect(page.getByText('Lock Test Shop').first()).toBeVisible();
});
