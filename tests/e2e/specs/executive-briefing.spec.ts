import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiSession, BASE_URL, createUser, loginUi, newPhoneContext, shotPath, waitForMail, type TestUser } from '../lib/helpers';

// Executive briefings (issue 10 §5, R17): on a critical ransomware incident the responder posts a status briefing
// for the executives; every executive gets it by mail in their own language and reads it on the incident page,
// on a phone or a desktop. Runs in the 'desktop' project only (it opens its own phone-sized contexts).

const shot = (n: string) => shotPath(`briefing-${n}`);

interface Incident {
  id: string;
  version: number;
  reference: string;
  stage: string;
  severity: string | null;
}

test.setTimeout(180_000);

/** The panel loads after the incident (its own query): on a busy CI box that can take more than the default 10 s. */
const LOADED = 30_000;

/** An account with a chosen mail and screen language (the SPA adopts the account's language on first sign-in). */
async function createUserIn(role: 'Executive', label: string, language: 'ja' | 'en'): Promise<TestUser> {
  const admin = await ApiSession.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  try {
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    const body = { email: `exec-${language}-${id}@e2e.incidentdesk.test`, displayName: `${label} ${id.slice(-4)}`, roles: [role], password: `E2e-exec-pass-${id}`, language };
    const created = await admin.post<{ id: string }>('/api/users', body);
    return { id: created.id, email: body.email, displayName: body.displayName, password: body.password, roles: [role] };
  } finally {
    await admin.dispose();
  }
}

async function openBriefings(page: Page, incident: Incident) {
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { name: incident.reference, level: 1 })).toBeVisible({ timeout: LOADED });
  const section = page.getByTestId('briefings');
  await expect(section.getByTestId('briefing')).toHaveCount(1, { timeout: LOADED });
  await section.scrollIntoViewIfNeeded();
  return section;
}

async function asExecutive(browser: Browser, who: TestUser, phone: boolean) {
  const context = phone
    ? await newPhoneContext(browser)
    : await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await loginUi(page, who);
  return { context, page };
}

test('a responder briefs the executives on a critical incident; each reads it by mail and on the incident page', async ({ page, browser }) => {
  const reporter = await createUser('Reporter', '報告 花子');
  const responder = await createUser('Responder', '対応 健');
  const execJa = await createUserIn('Executive', '経営 一郎', 'ja');
  const execEn = await createUserIn('Executive', 'Board Member', 'en');

  // ---- setup through the API: a ransomware report with the customer list on the PC, triaged critical
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  let inc = await asReporter.post<Incident>('/api/incidents', {
    category: 'C2',
    summary: '持ち帰りPCの画面がロックされ、身代金を要求する表示が出ました。顧客リストが保存されています。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: true,
  });
  await asReporter.dispose();
  const asResponder = await ApiSession.login(responder.email, responder.password);
  inc = await asResponder.post<Incident>(`/api/incidents/${inc.id}/acknowledge`, {}, inc.version);
  inc = await asResponder.post<Incident>(
    `/api/incidents/${inc.id}/triage`,
    {
      infoClass: 'confidential',
      impact: 'serious',
      personalDataInvolved: true,
      usersMayBeHarmed: false,
      dataMayBeLeaking: false,
      containmentActions: ['端末をネットワークから切断'],
      ownerId: responder.id,
    },
    inc.version,
  );
  await asResponder.dispose();
  expect(inc.severity).toBe('critical');

  // ---- the responder writes the briefing in the browser (desktop, Japanese)
  await loginUi(page, responder);
  await page.goto(`/incidents/${inc.id}`);
  const section = page.getByTestId('briefings');
  await expect(section.getByRole('heading', { name: '経営層への状況報告' })).toBeVisible({ timeout: LOADED });
  // Critical: the first briefing is due 2 h after triage (the default SLA policy).
  await expect(section.getByTestId('countdown')).toContainText(/次回の報告期限 あと1時間5\d分/);
  await expect(section.getByText('まだ報告はありません。')).toBeVisible();
  await section.getByRole('button', { name: '状況報告を書く' }).click();
  const form = section.getByRole('form', { name: '状況報告（第1報）' });
  await form.getByLabel(/何が起きたか/).fill('営業部の持ち帰りPC 1台がランサムウェアに感染し、画面がロックされて身代金を要求されています。');
  await form.getByLabel(/これまでの影響/).fill('感染はPC 1台のみで、ネットワークからは切断済み。PC内の顧客リスト（約300件）が読めません。外部への流出は確認されていません。');
  await form.getByLabel(/現在の対応/).fill('情報システム部が端末を回収し、他の端末への広がりを調査中。バックアップからの復旧を準備しています。');
  await form.getByLabel(/まだ分かっていないこと/).fill('顧客リストが外部に送信されたかどうか。');
  await form.getByLabel(/必要な経営判断/).fill('身代金に応じない方針の確認を本日中にお願いします。');
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('01-form-desktop-ja') });
  await form.getByRole('button', { name: '経営層に報告する' }).click();
  await expect(page.getByText('状況報告を経営層に送りました')).toBeVisible({ timeout: LOADED });
  const card = section.getByTestId('briefing');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('第1報');
  await expect(card).toContainText(responder.displayName);
  await expect(card).toContainText('身代金に応じない方針の確認を本日中にお願いします。');
  // The clock starts again from the briefing.
  await expect(section.getByTestId('countdown')).toContainText(/次回の報告期限 あと(1時間5\d分|2時間0分)/);
  const timeline = page.getByRole('region', { name: '経過' });
  await expect(timeline.getByText(`${responder.displayName}さんが経営層への状況報告（第1報）を投稿しました`)).toBeVisible({ timeout: LOADED });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('02-posted-desktop-ja') });

  // ---- every executive got it by mail, in their own language
  const mailJa = await waitForMail(execJa.email, (m) => m.subject.startsWith(`【状況報告 第1報】${inc.reference}`));
  expect(mailJa.text).toContain('■ 必要な経営判断\n身代金に応じない方針の確認を本日中にお願いします。');
  expect(mailJa.text).toContain(`${responder.displayName}が`);
  const mailEn = await waitForMail(execEn.email, (m) => m.subject.startsWith(`[Status briefing no. 1] ${inc.reference}`));
  expect(mailEn.text).toContain('Next decision needed\n身代金に応じない方針の確認を本日中にお願いします。');

  // ---- the Japanese executive reads it on a phone
  const ja = await asExecutive(browser, execJa, true);
  const jaSection = await openBriefings(ja.page, inc);
  await expect(jaSection.getByRole('button', { name: '状況報告を書く' })).toHaveCount(0);
  await expect(jaSection.getByTestId('briefing')).toContainText('顧客リストが外部に送信されたかどうか。');
  await ja.page.screenshot({ path: shot('03-executive-phone-ja') });
  // ... and on the desk, their home: what management was told, and when the next briefing is due.
  await ja.page.goto('/desk');
  const desk = ja.page.getByTestId('desk-briefings');
  await expect(desk.getByTestId('briefing').filter({ hasText: inc.reference })).toContainText('第1報', { timeout: LOADED });
  await expect(desk.getByTestId('desk-briefing-due').filter({ hasText: inc.reference }).getByTestId('countdown')).toContainText('次回の報告期限');
  await desk.scrollIntoViewIfNeeded();
  await ja.page.screenshot({ path: shot('03b-desk-phone-ja') });
  await ja.context.close();

  // ---- the English-reading executive, on a phone and on a desktop
  for (const phone of [true, false]) {
    const en = await asExecutive(browser, execEn, phone);
    const enSection = await openBriefings(en.page, inc);
    await expect(enSection.getByRole('heading', { name: 'Briefings for the executives' })).toBeVisible();
    await expect(enSection.getByTestId('briefing')).toContainText('No. 1');
    await expect(enSection.getByTestId('briefing')).toContainText('Next decision needed');
    await expect(enSection.getByTestId('countdown')).toContainText(/^Next briefing: /);
    // The whole screen follows the account's language, the header too (it once stayed Japanese).
    if (!phone) await expect(en.page.getByRole('banner').getByRole('link', { name: 'Board' })).toBeVisible();
    await en.page.screenshot({ path: shot(phone ? '04-executive-phone-en' : '05-executive-desktop-en') });
    await en.context.close();
  }
});

test('the SLA policy sets the briefing interval for high and critical incidents', async ({ page }) => {
  await loginUi(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  await page.goto('/admin/sla');
  const critical = page.getByTestId('sla-row').and(page.locator('[data-severity="critical"]'));
  await expect(critical.getByLabel('緊急・経営層への状況報告の間隔（分）')).toHaveValue('120', { timeout: LOADED });
  await expect(page.getByTestId('sla-row').and(page.locator('[data-severity="medium"]'))).toContainText('対象外');
  await page.screenshot({ path: shot('06-sla-desktop-ja'), fullPage: true });
});
