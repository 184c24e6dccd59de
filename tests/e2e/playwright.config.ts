import { defineConfig } from '@playwright/test';

// Started by tests/run.sh e2e, which builds the SPA, publishes the API, starts it against a fresh
// database and exports E2E_BASE_URL, E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD; the API mails through a maildev
// SMTP sink whose REST API is E2E_MAILDEV_URL.
// Playwright never downloads a browser here: Debian's Chromium is used.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
const PHONE_ONLY = [/report-first-load\.spec\.ts$/];
const DESKTOP_ONLY = [/executive-briefing\.spec\.ts$/, /board-attention\.spec\.ts$/, /japanese-text\.spec\.ts$/, /incident-lifecycle\.spec\.ts$/, /ransomware-gate\.spec\.ts$/, /acknowledge-from-mail\.spec\.ts$/, /executive-decision\.spec\.ts$/, /drill-ransomware\.spec\.ts$/];

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  },
  projects: [
    {
      name: 'phone',
      // Whole-flow specs run once, on the desktop project (they open their own phone-sized context).
      testIgnore: DESKTOP_ONLY,
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      name: 'desktop',
      testIgnore: PHONE_ONLY,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
      },
    },
  ],
});
