import { test, expect } from '@playwright/test';

// Screenshots land in tests/e2e/artifacts/ (git-ignored), one per project (phone / desktop).
const shot = (name: string) => `artifacts/${test.info().project.name}-${name}.png`;

test('health is ready and the login page asks for a password', async ({ page, request }) => {
  const health = await request.get('/health/ready');
  expect(health.status(), await health.text()).toBe(200);

  await page.goto('/');
  // Not logged in: the SPA shows (or redirects to) the login form.
  await expect(page.locator('input[type="password"]')).toBeVisible();
  await page.screenshot({ path: shot('login'), fullPage: true });
});
