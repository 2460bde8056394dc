import { defineConfig } from '@playwright/test';

// Debian's Chromium drives the real UI through the browser host; each test starts its own host with a
// fresh data folder (e2e/fixtures.ts). Playwright's own browser download is not used.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // Generous: axe runs take seconds each on 2 cores, and a slow run must not read as a broken one.
  timeout: 90_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1200, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
