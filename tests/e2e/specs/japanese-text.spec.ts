import { expect as baseExpect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiSession, createUser, loginUi, newPhoneContext, setDefaultChain, shotPath, stepCard } from '../lib/helpers';

// Issue 9 §7 and §10: on a responder's incident page, the timeline reads as Japanese staff write it (さん after the
// name, the department after it in full-width brackets, the system named last), field evidence is in the viewer's
// language only, a step cites its seed by title and section (never a file name or a hash, which only an admin sees,
// folded away), and the system's entries can be hidden. Looked at in ja and en, desktop and phone.
// Runs in the 'desktop' project only (see playwright.config.ts); the phone is a context of its own.

const shot = (n: string) => shotPath(`japanese-text-${n}`);
// The incident page renders a whole playbook; on a loaded CI machine its first paint can take well over 10 s.
const expect = baseExpect.configure({ timeout: 30_000 });
const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/;

test.setTimeout(300_000);

async function useLanguage(page: Page, lang: 'ja' | 'en') {
  await page.evaluate((l) => window.localStorage.setItem('incidentdesk.lang', l), lang);
  await page.reload();
}

test('timeline sentences, evidence and citations read naturally in Japanese and English; system entries can be hidden', async ({ browser, page }) => {
  const tag = Date.now().toString(36).slice(-4);
  const admin = await ApiSession.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const reporterPassword = `E2e-Reporter-pass-${tag}`;
  const reporter = {
    email: `reporter-ja-${tag}@e2e.incidentdesk.test`,
    displayName: `山田 花子${tag} (営業部)`,
    password: reporterPassword,
  };
  await admin.post('/api/users', { ...reporter, roles: ['Reporter'] });
  const responder = await createUser('Responder', '対応 一郎');
  await setDefaultChain([{ name: `${responder.displayName} (情報システム部)`, email: responder.email, role: '一次受付', language: 'ja' }]);

  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  const incident = await asReporter.post<{ id: string; reference: string }>('/api/incidents', {
    category: 'C1',
    summary: '添付ファイルを開いたあと、PCの動作が急に遅くなりました。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: false,
  });

  await loginUi(page, responder);
  await page.goto(`/incidents/${incident.id}`);
  const timeline = page.getByRole('region', { name: '経過' });

  // ---- Japanese: sentences as written by Japanese staff
  await expect(timeline.getByText(`山田 花子${tag}さん（営業部）が「ウイルス・不審な動作」として報告しました`)).toBeVisible();
  // sent through the SMTP sink (tests/run.sh), or written to the pickup folder where no SMTP server is configured
  const mailed = (name: string) => new RegExp(`^${name}さん（情報システム部）(にメールを送信しました（|宛てのメールをファイルに書き出しました（.*・)IncidentDesk）$`);
  await expect(timeline.getByText(mailed(responder.displayName))).toBeVisible({ timeout: 30_000 });
  await expect(timeline.getByText(/[）\p{Script=Han}\p{Script=Hiragana}] [へがをに]|IncidentDesk が|\)さん/u)).toHaveCount(0);
  const system = timeline.locator('[data-system="true"]');
  await expect(system.first()).toBeVisible();
  expect(await system.first().locator('p').first().evaluate((el) => getComputedStyle(el).fontStyle)).toBe('normal');

  // ---- evidence in one language; citations by title and section, no file names or hashes for a responder
  const lan = stepCard(page, 'disconnect-from-network');
  await expect(lan.getByTestId('step-evidence')).toHaveText('記録：ネットワークから切断済み');
  await expect(page.getByText(/disconnected from the network/i)).toHaveCount(0);
  await expect(lan.getByTestId('source-citation')).toContainText('「');
  await expect(page.getByText(SEED_FILE)).toHaveCount(0);
  await expect(page.getByText(/ハッシュ/)).toHaveCount(0);
  await expect(page.getByTestId('source-admin-detail')).toHaveCount(0);
  await page.getByTestId('playbook-checklist').screenshot({ path: shot('checklist-ja-desktop') });
  await timeline.screenshot({ path: shot('timeline-ja-desktop') });

  // ---- hide the system's entries: how many are hidden is said, and the choice stays after a reload
  const all = await timeline.locator('[data-event-type]').count();
  const systemCount = await system.count();
  expect(systemCount).toBeGreaterThan(0);
  await page.getByRole('switch', { name: 'システムの記録を隠す' }).click();
  await expect(page.getByTestId('timeline-hidden-count')).toHaveText(`システムの記録${systemCount}件を非表示にしています`);
  await expect(timeline.locator('[data-event-type]')).toHaveCount(all - systemCount);
  await page.reload();
  await expect(page.getByRole('switch', { name: 'システムの記録を隠す' })).toBeChecked();
  await expect(timeline.locator('[data-system="true"]')).toHaveCount(0);
  await timeline.screenshot({ path: shot('timeline-hidden-ja-desktop') });
  await page.getByRole('switch', { name: 'システムの記録を隠す' }).click();

  // ---- English: the same page, English only
  await useLanguage(page, 'en');
  const timelineEn = page.getByRole('region', { name: 'Timeline' });
  await expect(timelineEn.getByText(`山田 花子${tag} (営業部) reported it as Virus or strange behaviour`)).toBeVisible();
  const mailedEn = (name: string) => new RegExp(`^IncidentDesk (sent an e-mail to|wrote the e-mail for) ${name.replace(/[()]/g, '\\$&')} \\(情報システム部\\)`);
  await expect(timelineEn.getByText(mailedEn(responder.displayName))).toBeVisible();
  await expect(stepCard(page, 'disconnect-from-network').getByTestId('step-evidence')).toHaveText('Evidence: Disconnected from the network');
  await expect(page.getByText('ネットワークから切断済み')).toHaveCount(0);
  await expect(stepCard(page, 'disconnect-from-network').getByTestId('source-citation')).toContainText('“');
  await expect(page.getByText(SEED_FILE)).toHaveCount(0);
  await page.getByTestId('playbook-checklist').screenshot({ path: shot('checklist-en-desktop') });
  await timelineEn.screenshot({ path: shot('timeline-en-desktop') });
  await useLanguage(page, 'ja');

  // ---- phone, ja and en
  const phone = await newPhoneContext(browser);
  const p = await phone.newPage();
  await loginUi(p, responder);
  await p.goto(`/incidents/${incident.id}`);
  await expect(p.getByRole('region', { name: '経過' }).getByText(`山田 花子${tag}さん（営業部）が「ウイルス・不審な動作」として報告しました`)).toBeVisible();
  await expect(stepCard(p, 'disconnect-from-network').getByTestId('step-evidence')).toHaveText('記録：ネットワークから切断済み');
  await stepCard(p, 'disconnect-from-network').screenshot({ path: shot('step-ja-phone') });
  await p.getByRole('region', { name: '経過' }).screenshot({ path: shot('timeline-ja-phone') });
  await useLanguage(p, 'en');
  await expect(p.getByRole('region', { name: 'Timeline' }).getByText(mailedEn(responder.displayName))).toBeVisible();
  await stepCard(p, 'disconnect-from-network').screenshot({ path: shot('step-en-phone') });
  await p.getByRole('region', { name: 'Timeline' }).screenshot({ path: shot('timeline-en-phone') });
  await phone.close();

  // ---- an admin sees the file, lines and content hash, folded away under 管理者向けの詳細
  const adminCtx = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const a = await adminCtx.newPage();
  await loginUi(a, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  await a.goto(`/incidents/${incident.id}`);
  // the source sits in the step's folded guidance; the admin's detail inside it is folded once more
  await stepCard(a, 'disconnect-from-network').getByRole('button', { name: '説明と出典を表示' }).click();
  const detail = stepCard(a, 'disconnect-from-network').getByTestId('source-admin-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByText(SEED_FILE)).toBeHidden();
  await detail.getByText('管理者向けの詳細').click();
  await expect(detail.getByText(SEED_FILE)).toBeVisible();
  await a.getByTestId('playbook-admin-detail').getByText('管理者向けの詳細').click();
  await expect(a.getByTestId('playbook-admin-detail')).toContainText('ハッシュ');
  await stepCard(a, 'disconnect-from-network').screenshot({ path: shot('step-admin-ja-desktop') });
  await a.getByTestId('playbook-checklist').locator('div').first().screenshot({ path: shot('checklist-head-admin-ja-desktop') });
  await adminCtx.close();
  await asReporter.dispose();
  await admin.dispose();
});
