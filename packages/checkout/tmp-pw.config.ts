import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '/work/main/e2e/playwright.config.ts';
export default defineConfig({
  testDir: '/work/main/e2e',
  testMatch: ['checkout-*.spec.ts', 'budget-*.spec.ts'],
  outputDir: '/tmp/stk/pw-results',
  workers: 1,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
