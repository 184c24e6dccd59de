import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, loginUi } from '../lib/helpers';

// Hangfire's dashboard at /admin/jobs: an admin reaches it from the notification settings, a signed-out
// browser is sent through sign-in and back, anyone else is refused. Runs on phone and desktop.
const shot = (name: string) => `artifacts/${test.info().project.name}-jobs-${name}.png`;

test('an admin opens the timer jobs dashboard from the settings; a signed-out visit signs in first', async ({ page }) => {
  await page.goto('/admin/jobs');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fjobs$/);
  await page.getByLabel('メールアドレス').fill(ADMIN_EMAIL);
  await page.locator('input[type="password"]').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await expect(page).toHaveTitle(/IncidentDesk — jobs/);
  await page.screenshot({ path: shot('01-dashboard'), fullPage: true });

  await page.goto('/admin/contact-chains');
  const link = page.getByRole('link', { name: 'タイマーのジョブ（Hangfire ダッシュボード）' });
  await expect(link).toBeVisible();
  await page.screenshot({ path: shot('02-settings-link') });
  await link.click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await page.goto('/admin/jobs/jobs/scheduled');
  await expect(page.getByRole('heading', { name: 'Scheduled Jobs' })).toBeVisible();
});

test('a responder is refused the jobs dashboard', async ({ page }) => {
  const responder = await createUser('Responder', '対応 ジョブ');
  await loginUi(page, responder);
  const response = await page.goto('/admin/jobs');
  expect(response?.status()).toBe(403);
});
