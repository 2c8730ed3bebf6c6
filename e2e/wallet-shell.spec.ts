/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser, hence the DOM types.
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type ConsoleMessage, expect, type Page, test } from '@playwright/test';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';
import { stackUrls } from './stack.ts';

const { wallet } = stackUrls();
test.use({ baseURL: wallet });

const screenshots = fileURLToPath(new URL('./output/screenshots/', import.meta.url));
const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 800 };
// Shaped like a protocol id (43 base64url characters), unknown to the cloud.
const unknownRequestId = 'Zm9yLWUyZS1vbmx5LW5vdC1hLXJlYWwtcmVxdWVzdDA';
// The checkout widget's per-session nonce, as the approval URL carries it.
const nonce = 'e2e-shell-nonce-0001';

/** Console errors and uncaught exceptions; a CSP violation shows up here too. */
function collectErrors(page: Page, allow: (message: ConsoleMessage) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allow(message)) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

async function shoot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.screenshot({ path: `${screenshots}${name}-${size.width}.png`, fullPage: true });
}

/** WCAG 2.2 A/AA by axe-core: no serious or critical violation on the screen as it is now. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad).toEqual([]);
}

test('the get started screen, the setup screen and the installed shell', async ({ page }) => {
  const errors = collectErrors(page);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);

  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  // The build emits no inline script or style for the CSP to refuse.
  await expect(page.locator('script:not([src]), style')).toHaveCount(0);

  await expect(page).toHaveTitle('Token Wallet');
  await expect(page.getByRole('heading', { level: 1, name: 'Token Wallet' })).toBeVisible();
  await expect(
    page.getByText('Your keys stay on this device. You approve every payment with a passkey.'),
  ).toBeVisible();
  for (const landmark of ['banner', 'main', 'contentinfo'] as const) {
    await expect(page.getByRole(landmark)).toHaveCount(1);
  }
  const create = page.getByRole('link', { name: 'Create wallet' });
  await expect(create).toBeVisible();

  // registerType 'prompt': the service worker installs and precaches the shell.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${wallet}/`);

  await expectAccessible(page, 'get started');
  await shoot(page, 'get-started', phone);
  await shoot(page, 'get-started', desktop);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'get-started-dark', phone);
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard first: the primary action is reachable and shows its focus.
  await create.focus();
  await expect(create).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${wallet}/setup`);
  const setupHeading = page.getByRole('heading', { level: 1, name: 'Create your wallet' });
  await expect(setupHeading).toBeFocused();
  await expect(page).toHaveTitle('Create your wallet · Token Wallet');
  const steps = page.getByRole('list').filter({ has: page.getByRole('heading', { name: /Keys/ }) });
  await expect(steps.getByRole('listitem')).toHaveCount(3);
  for (const step of ['Keys', 'Passkey', 'Email']) {
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(step) })).toBeVisible();
  }
  await expectAccessible(page, 'setup');
  await shoot(page, 'setup', phone);
  await shoot(page, 'setup', desktop);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Token Wallet' })).toBeVisible();

  // Once installed, the shell opens from the service worker's precache, with the network gone.
  await page.context().setOffline(true);
  const offline = await page.goto('/setup');
  expect(offline?.fromServiceWorker()).toBe(true);
  await expect(setupHeading).toBeVisible();
  await page.context().setOffline(false);

  // ...but /approve always comes from the server, with its own COOP (see navigateFallbackDenylist),
  // with or without the query the checkout widget adds.
  const approve = await page.goto('/approve');
  expect(approve?.fromServiceWorker()).toBe(false);
  expect(approve?.headers()['cross-origin-opener-policy']).toBe('unsafe-none');
  const withQuery = await page.goto(`/approve?request=${unknownRequestId}&nonce=${nonce}`);
  expect(withQuery?.fromServiceWorker()).toBe(false);
  expect(withQuery?.headers()['cross-origin-opener-policy']).toBe('unsafe-none');
  await page.goto('/approve');
  await expect(
    page.getByRole('heading', { level: 1, name: 'This payment request could not be loaded' }),
  ).toBeVisible();

  expect(errors).toEqual([]);
});

test('an unknown page answers 404 and says so', async ({ page }) => {
  // The browser logs the document's own 404 status; that one is expected.
  const errors = collectErrors(page, (m) => m.location().url === `${wallet}/no-such-page`);
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, 'not found');
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Token Wallet' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('an approval link whose request cannot be loaded explains what to do', async ({ page }) => {
  // The browser logs the API's 4xx/5xx answer itself; that one is expected, nothing else is.
  const errors = collectErrors(page, (m) => m.location().url.includes('/api/v1/token-requests/'));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/v1/token-requests/**', async (route) => {
    await released;
    await route.continue();
  });

  const response = await page.goto(`/approve?request=${unknownRequestId}&nonce=${nonce}`);
  expect(response?.headers()['cross-origin-opener-policy']).toBe('unsafe-none');
  await expect(page.getByRole('heading', { level: 1, name: 'Loading request…' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Getting the payment details');
  release();

  const failed = page.getByRole('heading', { level: 1, name: 'This payment request could not be loaded' });
  await expect(failed).toBeVisible();
  await expect(failed).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'What you can do' })).toBeVisible();
  await expect(page.getByText('Go back to the shop and start the payment again.')).toBeVisible();
  await expectAccessible(page, 'approve: not loaded');
  await shoot(page, 'approve-failed', phone);

  await page.goto('/approve');
  await expect(failed).toBeVisible();
  await expect(page.getByText('has no payment request in it')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a merchant popup keeps window.opener on /approve, and only there', async ({ page, context }) => {
  // A stand-in merchant on another origin, served by Playwright (no COOP header, like most shops).
  const shop = 'http://shop.test';
  await context.route(`${shop}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Shop</title><h1>Shop</h1>' }),
  );
  // A returning user: the wallet's service worker is installed and controls its pages.
  await page.goto(`${wallet}/`);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await page.goto(`${shop}/checkout`);
  await page.evaluate(() => {
    window.addEventListener('message', (event) => {
      document.title = `got ${String(event.data)} from ${event.origin}`;
    });
  });

  const openWallet = async (path: string) => {
    const popupOpened = context.waitForEvent('page');
    await page.evaluate((url) => {
      window.open(url, '_blank', 'popup,width=420,height=640');
    }, `${wallet}${path}`);
    const popup = await popupOpened;
    await popup.waitForLoadState('domcontentloaded');
    return popup;
  };

  const approve = await openWallet(`/approve?request=${unknownRequestId}&nonce=${nonce}`);
  expect(await approve.evaluate(() => window.opener !== null)).toBe(true);
  await approve.evaluate((target) => window.opener.postMessage('token-id', target), shop);
  await expect(page).toHaveTitle(`got token-id from ${wallet}`);
  await approve.close();

  // The rest of the wallet is same-origin-allow-popups: an opener from another site is cut off.
  const home = await openWallet('/');
  expect(await home.evaluate(() => window.opener)).toBeNull();
  await home.close();
});

test('a wallet page on a device without a wallet says how to get one', async ({ page }) => {
  const errors = collectErrors(page);
  for (const path of ['/activity', '/grants', '/security', '/link']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'No wallet on this device' })).toBeVisible();
  }
  await expect(page.getByRole('navigation', { name: 'Wallet' })).toHaveCount(0);
  await expectAccessible(page, 'no wallet');
  await page.getByRole('link', { name: 'Create wallet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create your wallet' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('onboarding tells the truth: what a lost phone means, and a skipped email is not "Done"', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await addVirtualAuthenticator(page);
  await page.goto('/');
  const lost = page.getByRole('region', { name: 'If this phone is lost' });
  await expect(lost).toContainText('on this device and on any other device you add to it');
  await expect(lost).toContainText('cannot be recovered');
  await page.getByRole('link', { name: 'Create wallet' }).click();
  await page.getByRole('button', { name: 'Create my keys' }).click();
  await page.getByRole('button', { name: 'Add a passkey' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Skip for now' }).click({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet is ready' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('heading', { level: 2, name: /Passkey.*Done/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Email.*Skipped/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Email.*Done/ })).toHaveCount(0);
  await expect(page.getByText('cannot be recovered')).toBeVisible();
  await expectAccessible(page, 'setup with the email skipped');
  await shoot(page, 'setup-email-skipped', phone);
  await shoot(page, 'setup-email-skipped', desktop);
});
