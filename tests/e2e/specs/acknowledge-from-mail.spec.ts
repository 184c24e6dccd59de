import { expect, test } from '@playwright/test';
import { ackLinkIn, ApiSession, BASE_URL, createUser, loginUi, newPhoneContext, setDefaultChain, shotPath, waitForMail } from '../lib/helpers';

// Issue 4: a new report reaches the first person of the contact chain by e-mail (through the maildev SMTP
// sink that tests/run.sh e2e starts); that person acknowledges with the one-click link in the mail, without
// signing in; the board then shows the incident acknowledged (it left 検知 for 初動対応 and counts down to
// the triage deadline instead of the acknowledgement deadline), the incident's notification log shows the
// delivered mail, and the used link cannot be used again.
// Runs in the 'desktop' project only (see playwright.config.ts); the link is opened in a phone-sized context.

const shot = (n: string) => shotPath(`ack-mail-${n}`);

interface Incident {
  id: string;
  version: number;
  reference: string;
  stage: string;
}

test.setTimeout(120_000);

test('a responder acknowledges from the link in the received mail and the board shows it', async ({ browser, page }) => {
  const responder = await createUser('Responder', '受付 一郎');
  const reporter = await createUser('Reporter', '報告 五郎');
  // The responder is the first (and only) contact of the default chain, so every new report is mailed to them.
  await setDefaultChain([{ name: responder.displayName, email: responder.email, role: '一次受付', language: 'ja' }]);

  // ---- the reporter files a C1 report (disconnected; filing it is "report at once"): detection holds nothing
  // open but the acknowledgement, so acknowledging moves the incident to 初動対応.
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  let inc = await asReporter.post<Incident>('/api/incidents', {
    category: 'C1',
    summary: 'PCの動作が急に遅くなり、見覚えのないウィンドウが開いては閉じます。LANケーブルは抜きました。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: false,
  });
  await asReporter.dispose();
  expect(inc.stage).toBe('detection');

  // ---- the new-report mail arrives at the responder's address, in Japanese, with the one-click link
  const mail = await waitForMail(responder.email, (m) => m.subject.includes(inc.reference));
  expect(mail.subject).toBe(`【新規報告】${inc.reference} ウイルス・不審な動作`);
  expect(mail.text).toContain(`受付番号: ${inc.reference}`);
  expect(mail.text).toContain(`詳細: ${BASE_URL}/incidents/${inc.id}`);
  expect(mail.text).toContain('ワンクリックで受付確認（ログイン不要）');
  const link = ackLinkIn(mail.text);
  expect(link.startsWith(`${BASE_URL}/ack/${inc.id}?token=`)).toBe(true);

  // ---- the link opens in a fresh browser (nobody signed in), on a phone
  const phoneContext = await newPhoneContext(browser);
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: '受付の確認', level: 1 })).toBeVisible();
  await expect(phone.getByText(`${responder.displayName}さん宛ての通知です`)).toBeVisible();
  await expect(phone.getByText(inc.reference, { exact: true })).toBeVisible();
  await expect(phone.getByText('ウイルス・不審な動作')).toBeVisible();
  await phone.screenshot({ path: shot('01-landing-phone'), fullPage: true });

  await phone.getByRole('button', { name: '受付を確認する' }).click();
  const confirmed = phone.getByRole('status').filter({ hasText: '受付を確認しました' });
  await expect(confirmed).toBeVisible();
  await expect(confirmed).toContainText(`${inc.reference} の受付を`);
  await expect(phone.getByRole('button', { name: '受付を確認する' })).toHaveCount(0);
  await phone.screenshot({ path: shot('02-acknowledged-phone'), fullPage: true });

  // ---- the same link again (another tab): already used, nothing to press
  const again = await phoneContext.newPage();
  await again.goto(link);
  const used = again.getByTestId('ack-error');
  await expect(used).toContainText('このリンクは使用済みです');
  await expect(used).toHaveAttribute('data-reason', 'ack.used');
  await expect(used).toContainText('このリンクはすでに使われています。受付は記録済みです。');
  await expect(again.getByRole('button', { name: '受付を確認する' })).toHaveCount(0);
  await again.screenshot({ path: shot('03-link-used-phone'), fullPage: true });
  await phoneContext.close();

  // ---- the responder signs in: on the board the incident is in 初動対応, counting down to the triage deadline
  await loginUi(page, responder);
  await expect(page).toHaveURL(/\/board$/);
  const card = page.getByTestId('incident-card').filter({ hasText: inc.reference });
  await expect(page.locator('section[data-stage="triage"]').getByTestId('incident-card').filter({ hasText: inc.reference })).toBeVisible();
  await expect(page.locator('section[data-stage="detection"]').getByTestId('incident-card').filter({ hasText: inc.reference })).toHaveCount(0);
  const countdown = card.getByTestId('countdown');
  await expect(countdown).toContainText('初動期限');
  await expect(countdown).not.toContainText('受付期限');
  await expect(countdown).toHaveAttribute('data-overdue', 'false');
  await expect(countdown).toHaveAttribute('data-breached', 'false');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('04-board-desktop') });

  // ---- the incident: acknowledged by the responder (the link's recipient has an account), the
  // acknowledgement deadline met, and the notification log shows the new-report mail as sent.
  await card.click();
  await expect(page.getByRole('heading', { name: inc.reference, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: '受付を確認する' })).toHaveCount(0);
  // the header counts down to what matters now: triage
  const headerCountdown = page.locator('h1').locator('xpath=..').getByTestId('countdown');
  await expect(headerCountdown).toContainText('初動期限 あと');
  const panel = page.getByRole('region', { name: '期限と通知' });
  await expect(panel.locator('[data-testid="deadline"][data-kind="acknowledge"]')).toHaveAttribute('data-status', 'met');
  await expect(panel.locator('[data-testid="deadline"][data-kind="triage"]')).toHaveAttribute('data-status', 'open');
  const delivery = panel.getByTestId('delivery-row').filter({ hasText: responder.email });
  await expect(delivery).toHaveCount(1);
  await expect(delivery).toContainText(responder.displayName);
  await expect(delivery).toContainText('メール');
  await expect(delivery.locator('[data-status]')).toHaveAttribute('data-status', 'sent');
  await expect(delivery).toContainText('送信済み');
  const timeline = page.getByRole('region', { name: '経過' });
  await expect(timeline.getByText(`${responder.displayName}さんがメールのリンクから受付を確認しました`)).toBeVisible();
  await expect(timeline.locator('[data-event-type="notification_sent"]').filter({ hasText: `${responder.displayName}さん` })).toHaveCount(1);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('05-incident-desktop') });
  await panel.screenshot({ path: shot('06-notification-log-desktop') });
});
