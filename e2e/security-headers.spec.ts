// Issue 8, "Each web origin's security headers checked in Chromium": every page a person opens
// (wallet, shop, budget app, the bank's consent page, the cloud's API docs) is served with a CSP
// that allows no inline or eval'd code and no framing, and Chromium indeed refuses to show it
// inside another origin's page (clickjacking); the page also runs with no CSP violation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { serviceUrl, stackUrls } from './stack.ts';

const { wallet, cloud } = stackUrls();
const pages: [string, string | undefined][] = [
  ['wallet', `${wallet}/`],
  ['shop', serviceUrl('shop') && `${serviceUrl('shop')}/`],
  ['budget app', serviceUrl('budget') && `${serviceUrl('budget')}/`],
  // The consent page's own answer to a link it cannot open: the same headers as every page there.
  ['bank consent page', serviceUrl('iron') && `${serviceUrl('iron')}/link`],
  ['cloud API docs', cloud && `${cloud}/docs`],
];

/** A page on an origin of its own that frames `url`, as a clickjacking page would. */
let framer: Server;
let framerOrigin = '';
test.beforeAll(async () => {
  framer = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('url') ?? '';
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><title>framer</title><iframe id="victim" src="${target.replace(/"/g, '&quot;')}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  framerOrigin = `http://127.0.0.1:${(framer.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => framer.close(() => resolve()));
});

for (const [name, url] of pages) {
  test(`${name}: a strict CSP, and no other origin may frame it`, async ({ page }) => {
    test.skip(url === undefined, `${name} is not running in this stack`);
    const target = url ?? '';
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(target);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp, `${name} sends a CSP`).not.toBe('');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/(default-src|script-src) /);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    // The page as served runs under its own policy without a violation.
    await page.waitForLoadState('load');
    expect(violations).toEqual([]);

    // Framed by another origin, Chromium shows its error page instead (CSP frame-ancestors).
    await page.goto(`${framerOrigin}/?url=${encodeURIComponent(target)}`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
  });
}
