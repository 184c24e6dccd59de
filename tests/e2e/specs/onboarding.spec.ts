import { expect, test } from '@playwright/test';
import { ApiSession, ADMIN_EMAIL, ADMIN_PASSWORD, createUser, loginUi } from '../lib/helpers';

// Issue 9: what a newcomer meets. An admin's first sign-in opens the setup checklist; admins edit and disable
// accounts (a disabled account's open session ends); a reporter's confirmation names who was alerted.
// Runs on phone and desktop; screenshots in artifacts/<project>-onboarding-*.png.
const shot = (name: string) => `artifacts/${test.info().project.name}-onboarding-${name}.png`;

interface SetupStatus {
  defaultChainSaved: boolean;
  slaPolicySaved: boolean;
  mailMode: 'smtp' | 'pickup';
  responders: number;
}

test("an admin's first sign-in shows the setup checklist, matching the install's state", async ({ page }) => {
  const admin = await createUser('Admin', '管理 初回');
  await loginUi(page, admin);
  await expect(page).toHaveURL(/\/admin\/setup$/);
  const list = page.getByRole('list', { name: 'はじめの設定' });
  await expect(list.getByRole('listitem')).toHaveCount(4);

  const api = await ApiSession.login(admin.email, admin.password);
  const status = await api.get<SetupStatus>('/api/admin/setup');
  await api.dispose();
  const badge = (item: string) => list.getByRole('listitem', { name: item }).getByText(/^(済|未)$/);
  await expect(badge('連絡網')).toHaveText(status.defaultChainSaved ? '済' : '未');
  await expect(badge('SLA（対応期限）')).toHaveText(status.slaPolicySaved ? '済' : '未');
  await expect(badge('メール送信')).toHaveText(status.mailMode === 'smtp' ? '済' : '未');
  await expect(badge('ユーザー')).toHaveText(status.responders > 0 ? '済' : '未');
  await page.screenshot({ path: shot('01-setup'), fullPage: true });

  await page.getByRole('button', { name: '設定を終えてボードへ' }).click();
  await expect(page).toHaveURL(/\/board$/);
  // The next sign-in on this browser goes to the board. (A fresh tab: the old one, signed out under its feet,
  // would race its own redirect to the login page against ours.)
  const context = page.context();
  await page.close();
  await context.clearCookies();
  const again = await context.newPage();
  await loginUi(again, admin);
  await expect(again).toHaveURL(/\/board$/);
});

test('an admin renames and disables an account, and its open session ends', async ({ page, browser }) => {
  const reporter = await createUser('Reporter', '報告 編集');
  const reporterContext = await browser.newContext();
  const reporterPage = await reporterContext.newPage();
  await loginUi(reporterPage, reporter);
  await expect(reporterPage.getByRole('heading', { name: 'セキュリティ事故を報告する' })).toBeVisible();

  await loginUi(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  await page.goto('/admin/users');
  const row = page.getByTestId(`user-${reporter.email}`);
  await expect(row).toContainText(reporter.displayName);
  await row.getByRole('button', { name: `${reporter.displayName} を編集` }).click();
  const form = page.getByRole('form', { name: `${reporter.displayName} を編集` });
  const renamed = `${reporter.displayName}（経理部）`;
  await form.getByLabel('表示名').fill(renamed);
  await page.screenshot({ path: shot('02-edit-user') });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText(renamed);

  await row.getByRole('button', { name: '無効にする' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`${renamed} を無効にしますか`);
  await dialog.getByRole('button', { name: '無効にする' }).click();
  await expect(row.getByText('無効', { exact: true })).toBeVisible();
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('03-users-disabled'), fullPage: true });

  // The reporter's session, opened before, no longer works: the next request sends them to sign in.
  await reporterPage.goto('/my-reports');
  await expect(reporterPage).toHaveURL(/\/login/);
  await reporterContext.close();
});

test("a reporter's confirmation names who was alerted", async ({ page }) => {
  const reporter = await createUser('Reporter', '報告 確認');
  await loginUi(page, reporter);
  await page.getByRole('radio', { name: 'ウイルス・不審な動作' }).click();
  await page.getByRole('radio', { name: 'はい、切断しました' }).check();
  await page.getByLabel('何が起きたか').fill('見慣れない警告が出続けています。LANケーブルは抜きました。');
  await page.getByRole('button', { name: '報告を送信する' }).click();
  await expect(page.getByTestId('report-reference')).toHaveText(/^INC-\d{4}-\d{4}$/);
  await expect(page.getByText('担当者に届きました')).toHaveCount(0);

  const alerted = page.getByTestId('report-alerted');
  await expect(alerted).toHaveText(/ に通知しました。$/, { timeout: 20_000 });
  const url = page.getByRole('link', { name: 'この報告を開く' });
  const id = (await url.getAttribute('href'))!.split('/').pop()!;
  const api = await ApiSession.login(reporter.email, reporter.password);
  const alerts = await api.get<{ people: { name: string; status: string }[] }>(`/api/incidents/${id}/alerts`);
  await api.dispose();
  const sent = alerts.people.filter((p) => p.status === 'sent').map((p) => p.name);
  expect(sent.length).toBeGreaterThan(0);
  await expect(alerted).toHaveText(`${sent.join('、')} に通知しました。`);
  await page.screenshot({ path: shot('04-confirmation'), fullPage: true });
});
