/// <reference lib="dom" />
// A member created on a customer's behalf, claimed into the wallet (issue 9): the demo shop's
// coffee club opens a membership for an email (a member with no keys and a loyalty-only token);
// the customer follows the link to the wallet, proves the address with the code, and this device's
// keys take the member over; the wallet then adds its passkey and works as that member.
import { expect, test } from '@playwright/test';
import { CloudClient, fetchVerifiedMember, Member, MemoryKeyStore, resolveAlias } from '@tokenos/sdk';
import { cloud, collectErrors, desktop, shoot, shop, wallet } from './checkout-world.ts';
import { mailedCode } from './helpers/mail.ts';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';

test.skip(!cloud || !shop, 'the claim journey needs the cloud and the shop');

test('the shop opens a guest membership; the customer claims it in the wallet', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `guest-${Date.now()}@example.com`;
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  // The wrong code below is refused on purpose: its 403 and the logged ApiError are expected.
  const errors = collectErrors(
    page,
    (m) => /\/custody\/claims\/[^/]+\/verify$/.test(m.location().url) || /wrong code/.test(m.text()),
  );
  const auth = await addVirtualAuthenticator(page);

  // The shop: sign up for the club with an email; the backend creates the member on our behalf.
  await page.goto(`${shop}/loyalty`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join the coffee club' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Join the club' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to the coffee club' })).toBeVisible();
  const loyaltyId = (await page.getByTestId('loyalty-id').textContent())?.trim() ?? '';
  expect(loyaltyId).toMatch(/^[0-9a-f]{32}$/);
  await shoot(page, 'claim-shop-joined');

  // Not claimed yet: the address resolves to nobody (the shop's word is not a verified alias).
  const client = new CloudClient({ baseUrl: cloud ?? '' });
  // Resolving is signed: a member of our own asks, as a wallet paying an email would.
  const asker = await Member.create(client, new MemoryKeyStore());
  const before = await resolveAlias(asker, { type: 'EMAIL', value: email }).catch(() => undefined);
  expect(before).toBeUndefined();

  // The wallet: the link carries the address; a code goes there.
  await page.getByRole('link', { name: 'Claim in the Token wallet' }).click();
  await expect(page).toHaveURL(new RegExp(`^${wallet}/claim`));
  await expect(page.getByRole('heading', { level: 1, name: 'Claim your membership' })).toBeVisible();
  await expect(page.getByLabel('Email address the shop has')).toHaveValue(email);
  await shoot(page, 'claim-email');
  await page.getByRole('button', { name: 'Send code' }).click();
  const codeInput = page.getByLabel('Code from the email');
  await expect(codeInput).toBeVisible({ timeout: 20_000 });
  const code = await mailedCode(email);
  expect(code).toMatch(/^\d{6}$/);

  // A wrong code is refused and says so; the right one binds this device's keys.
  await codeInput.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Claim membership' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await shoot(page, 'claim-code');
  await codeInput.fill(code ?? '');
  await page.getByRole('button', { name: 'Claim membership' }).click();

  // The wallet now is that member; it asks for a passkey next, the email already done.
  const addPasskey = page.getByRole('button', { name: 'Add a passkey' });
  await expect(addPasskey).toBeVisible({ timeout: 20_000 });
  await shoot(page, 'claim-then-passkey');
  await addPasskey.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet is ready' })).toBeVisible({
    timeout: 20_000,
  });
  expect(auth.registrations()).toBe(1);

  // Checked from outside, without trusting the cloud: the log replays to a claimed member with
  // this device's three keys and its passkey, and the proven email resolves to it.
  const memberId = await resolveAlias(asker, { type: 'EMAIL', value: email });
  const state = await fetchVerifiedMember(client, memberId);
  expect(state.custody).toBeUndefined();
  expect(state.claimed).toBeDefined();
  expect(state.keys.map((k) => k.level).sort()).toEqual(['LOW', 'PRIVILEGED', 'STANDARD']);
  expect(state.passkeys).toHaveLength(1);
  await page.goto(`${wallet}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
