import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createUser } from '../lib/helpers';

// The report form on a phone: the HTML shows the app's shape before any script runs, a favicon is served, the
// scripts travel compressed, and the report page downloads the app shell and the form only (every other page is a
// chunk of its own). The first
// load on a throttled phone profile (Chromium's "Fast 3G"-like network, 4x slower CPU) is measured and written
// to artifacts/phone-report-first-load.json; figures are reported, not asserted (speed is for benchmarks).
// Runs in the 'phone' project only (playwright.config.ts).

test('the report page loads the shell and the form only, with a skeleton before the scripts run', async ({ page, request }) => {
  const html = await (await request.get('/report')).text();
  expect(html).toContain('class="boot-block"');
  expect(html).toContain('rel="icon"');
  const icon = await request.get('/favicon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');

  const reporter = await createUser('Reporter', '初回 読込');
  const login = await page.request.post('/api/auth/login', { data: { email: reporter.email, password: reporter.password } });
  expect(login.status()).toBe(200);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  const started = Date.now();
  await page.goto('/report', { waitUntil: 'commit' });
  await expect(page.locator('.boot-block').first()).toBeAttached();
  const submit = page.getByRole('button', { name: '報告を送信する' });
  await expect(submit).toBeVisible({ timeout: 60_000 });
  const formVisibleMs = Date.now() - started;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const sum = (kind: string) => res.filter((r) => r.initiatorType === kind).reduce((n, r) => n + r.transferSize, 0);
    return {
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      htmlBytes: nav.transferSize,
      scriptBytes: sum('script'),
      cssBytes: sum('link') + sum('css'),
      requests: res.length,
    };
  });
  const figures = { profile: 'latency 150 ms, 1.6 Mbit/s down, 0.75 Mbit/s up, CPU x4, cache off', formVisibleMs, ...timing, scripts };
  console.log(`report page first load: ${JSON.stringify(figures)}`);
  await page.screenshot({ path: 'artifacts/phone-report-first-load.png', fullPage: true });
  writeFileSync('artifacts/phone-report-first-load.json', JSON.stringify(figures, null, 2));

  // The hashed scripts travel compressed and are cached for good.
  const script = await request.get(scripts[0], { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(['br', 'gzip']).toContain(script.headers()['content-encoding']);
  expect(script.headers()['cache-control']).toContain('immutable');

  // Code splitting: no other page's chunk came with the report form.
  expect(scripts.filter((s) => /\/assets\/(board|incident|admin-|playbook)/.test(s))).toEqual([]);
});
