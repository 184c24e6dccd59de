import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ApiSession, BASE_URL, createUser, loginUi, newPhoneContext, shotPath, stepCard, waitForMail } from '../lib/helpers';

// Issue 10 §4 and §7: a responder asks the executives for the ransom decision from the playbook step; the executive
// opens the link in the mail (through the maildev SMTP sink) on a phone, signs in, lands on the decision page, reads
// the guidance ("pay" stays locked until it is acknowledged) and decides "do not pay" with a rationale; the
// responder's incident page then shows the outcome and the playbook step completed with the decision as evidence.
// Along the way: the desk, the decision page, the request form and the decision log in ja and en, phone and desktop.
// Runs in the 'desktop' project only (see playwright.config.ts); the executive uses a phone-sized context.

const shot = (n: string) => shotPath(`decision-${n}`);

interface Incident {
  id: string;
  version: number;
  reference: string;
  stage: string;
}

interface Decision {
  id: string;
  version: number;
  status: string;
}

/** The UI language of this browser (the language switch's memory), then the page again. */
async function useLanguage(page: Page, lang: 'ja' | 'en') {
  await page.evaluate((l) => localStorage.setItem('incidentdesk.lang', l), lang);
  await page.reload();
}

test.setTimeout(240_000);

test('a responder asks for the ransom decision; the executive decides "do not pay" on a phone from the mail', async ({ browser, page }) => {
  const reporter = await createUser('Reporter', '報告 七郎');
  const responder = await createUser('Responder', '対応 八郎');
  const executive = await createUser('Executive', '経営 九子');

  // ---- a ransomware report, acknowledged and triaged by the responder (critical: on the executive's desk)
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  let inc = await asReporter.post<Incident>('/api/incidents', {
    category: 'C2',
    summary: 'ファイルサーバーのファイルが開けず、身代金を要求する画面が表示されています。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: true,
  });
  await asReporter.dispose();
  const asResponder = await ApiSession.login(responder.email, responder.password);
  const cmd = async (action: string, body: unknown) => {
    inc = await asResponder.post<Incident>(`/api/incidents/${inc.id}/${action}`, body, inc.version);
  };
  await cmd('acknowledge', {});
  await cmd('triage', {
    infoClass: 'confidential',
    impact: 'extremely_serious',
    personalDataInvolved: true,
    usersMayBeHarmed: false,
    dataMayBeLeaking: true,
    containmentActions: ['ファイルサーバーをネットワークから切断'],
    ownerId: responder.id,
  });
  // A second, unrelated request (no step) so that the desk has something pending after the ransom is decided.
  await asResponder.post<Decision>(`/api/incidents/${inc.id}/decisions`, {
    kind: 'business_stoppage',
    question: '復旧のために、通常業務をどの範囲まで、いつまで止めますか。',
    options: [
      { id: 'stop_affected', label: '影響を受けたシステムと業務だけを止める', consequence: '他の業務は続けられます。' },
      { id: 'stop_all', label: '復旧が確認できるまで全社の通常業務を止める', consequence: '売上や納期への影響が大きくなります。' },
    ],
    recommendedOptionId: 'stop_affected',
    context: '営業部の共有フォルダが暗号化されています。',
    neededBy: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    approvers: [{ accountId: executive.id }],
    quorum: 'any',
    onExpiry: 'escalate',
  });
  await asResponder.dispose();

  // ---- the responder asks from the playbook step "decide-ransom": the form is pre-filled from the step
  await loginUi(page, responder);
  await page.goto(`/incidents/${inc.id}`);
  await expect(page.getByRole('heading', { name: inc.reference, level: 1 })).toBeVisible({ timeout: 30_000 });
  // decide-ransom is an analysis step: its stage opens in the checklist (triage, the current one, is open already)
  await page.getByTestId('stage-analysis').locator('button').first().click({ force: true });
  const step = stepCard(page, 'decide-ransom');
  await expect(step).toHaveAttribute('data-status', 'open');
  await step.getByRole('button', { name: '経営層に判断を依頼する' }).click();
  const dialog = page.getByRole('dialog', { name: '経営層への意思決定の依頼' });
  const form = dialog.getByTestId('request-form');
  await expect(form.getByRole('textbox', { name: '判断の種類' })).toHaveValue('身代金の支払い');
  await expect(form.getByRole('textbox', { name: /^問い/ })).toHaveValue('攻撃者の要求する身代金を支払いますか。');
  await expect(form.getByTestId('request-option')).toHaveCount(2);
  await expect(form.getByTestId('request-guidance')).toContainText('身代金は通常支払うものではない');
  await form.getByRole('textbox', { name: /経緯・状況/ }).fill('ファイルサーバーが暗号化され、48時間以内に2BTCを支払うよう要求されています。オフラインのバックアップは無事です。');
  await form.getByRole('textbox', { name: '推奨する選択肢' }).click();
  await page.getByRole('option', { name: '支払わない（バックアップなどから復旧する）' }).click();
  await form.getByRole('textbox', { name: /担当者の推奨と理由/ }).fill('先月バックアップからの復元を確認済みです。');
  await form.getByRole('textbox', { name: /依頼先1/ }).click();
  await page.getByRole('option', { name: executive.displayName }).click();
  await dialog.screenshot({ path: shot('01-request-form-desktop-ja') });
  await form.getByRole('button', { name: '依頼を送る' }).click();
  await expect(dialog).toBeHidden();

  // pending: on the step, in the header with its countdown, in the incident's decision log
  await expect(step.getByTestId('step-decision-pending')).toContainText('経営層の判断待ち');
  await expect(page.getByTestId('incident-pending-decision').getByTestId('countdown')).toContainText('判断期限 あと');
  const log = page.getByRole('region', { name: '経営判断の記録' });
  await expect(log.getByTestId('incident-decision')).toHaveCount(2);
  await expect(log.locator('[data-testid="incident-decision"][data-status="requested"]')).toHaveCount(2);
  await page.screenshot({ path: shot('02-incident-pending-desktop-ja') });

  // the board card counts down to the decision
  await page.goto('/board');
  await expect(page.getByTestId('incident-card').filter({ hasText: inc.reference }).getByTestId('card-pending-decision')).toContainText('経営判断 あと', { timeout: 30_000 });

  // ---- the mail to the executive, in Japanese, with the link to the decision page (no link that decides)
  const mail = await waitForMail(executive.email, (m) => m.subject.startsWith('【経営判断のお願い】') && m.text.includes('身代金'));
  const links = mail.text.match(/https?:\/\/\S+\/decisions\/[0-9a-f-]{36}/g) ?? [];
  expect(links, mail.text).toHaveLength(1);
  const link = links[0]!;
  expect(link.startsWith(`${BASE_URL}/decisions/`)).toBe(true);
  const decisionId = link.split('/decisions/')[1]!;

  // ---- the executive opens it on a phone: sign-in first, then the decision page itself
  const phoneContext = await newPhoneContext(browser);
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/login\?next=/);
  await phone.getByLabel('メールアドレス').fill(executive.email);
  await phone.locator('input[type="password"]').fill(executive.password);
  await phone.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(phone).toHaveURL(new RegExp(`/decisions/${decisionId}$`), { timeout: 30_000 });
  await expect(phone.getByTestId('decision-question')).toHaveText('攻撃者の要求する身代金を支払いますか。', { timeout: 30_000 });
  const guidance = phone.getByTestId('decision-guidance');
  await expect(guidance).toContainText('身代金は通常支払うものではないとされ、支払いは推奨されません。');
  await expect(guidance).toContainText('人命がかかっている等の緊急時に限り');
  await expect(phone.getByTestId('decision-snapshot')).toContainText(inc.reference);
  await expect(phone.getByTestId('decision-snapshot')).toContainText('ファイルサーバーをネットワークから切断');
  const decide = phone.getByTestId('decide-form');
  const pay = decide.getByRole('radio', { name: /支払う（人命/ });
  await expect(pay).toBeDisabled();
  await phone.screenshot({ path: shot('03-decision-phone-ja'), fullPage: true });

  // the guidance acknowledged, "pay" could be chosen (and would ask for the emergency) ...
  await decide.getByRole('checkbox', { name: /上記の指針を読み、理解しました/ }).check();
  await expect(pay).toBeEnabled();
  await pay.check();
  await expect(decide.getByRole('textbox', { name: /緊急事態の内容/ })).toBeVisible();
  // ... but the executive decides not to pay
  await decide.getByRole('radio', { name: /支払わない/ }).check();
  await expect(decide.getByRole('textbox', { name: /緊急事態の内容/ })).toHaveCount(0);
  await decide.getByRole('button', { name: 'この内容で判断する' }).click();
  await expect(decide.getByText('判断の理由を入力してください')).toBeVisible();
  await decide.getByRole('textbox', { name: /条件/ }).fill('バックアップからの復元を金曜18時までに終える');
  await decide.getByRole('textbox', { name: /判断の理由/ }).fill('オフラインのバックアップから復旧できる見込みであり、犯罪者に資金を渡さないため。');
  await decide.getByRole('button', { name: 'この内容で判断する' }).click();
  const outcome = phone.getByTestId('decision-outcome');
  await expect(outcome).toContainText('決定：支払わない（バックアップなどから復旧する）');
  await expect(outcome).toContainText(`${executive.displayName}さんが`);
  await expect(outcome).toContainText('犯罪者に資金を渡さないため');
  await expect(phone.getByTestId('decision-status')).toHaveText('決定済み');
  await expect(phone.getByTestId('decide-form')).toHaveCount(0);
  await phone.screenshot({ path: shot('04-decided-phone-ja'), fullPage: true });

  // ---- the executive's desk: the other request still pending, the critical incident, what changed
  await phone.goto('/desk');
  await expect(phone.getByRole('heading', { name: '経営判断のデスク', level: 1 })).toBeVisible();
  const pending = phone.getByTestId('pending-decision');
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText('復旧のために、通常業務をどの範囲まで');
  await expect(pending.getByTestId('countdown')).toContainText('判断期限 あと');
  await expect(phone.getByTestId('desk-incident').filter({ hasText: inc.reference })).toContainText('対応 八郎');
  await phone.screenshot({ path: shot('05-desk-phone-ja'), fullPage: true });
  await useLanguage(phone, 'en');
  await expect(phone.getByRole('heading', { name: 'Executive desk', level: 1 })).toBeVisible();
  await expect(phone.getByTestId('pending-decision')).toHaveCount(1);
  await phone.screenshot({ path: shot('06-desk-phone-en'), fullPage: true });
  await phone.goto(`/decisions/${decisionId}`);
  await expect(phone.getByTestId('decision-outcome')).toContainText('Decided');
  await phone.screenshot({ path: shot('07-decided-phone-en'), fullPage: true });
  await phoneContext.close();

  // ---- the responder's incident page: the outcome in the decision log, the step completed with it as evidence
  await page.goto(`/incidents/${inc.id}`);
  await page.getByTestId('stage-analysis').locator('button').first().click({ force: true });
  const decided = page.getByRole('region', { name: '経営判断の記録' }).locator(`[data-testid="incident-decision"][data-decision-id="${decisionId}"]`);
  await expect(decided).toHaveAttribute('data-status', 'decided');
  await expect(decided.getByTestId('decision-outcome-line')).toContainText(`決定：「支払わない（バックアップなどから復旧する）」（${executive.displayName}さん`);
  await expect(step).toHaveAttribute('data-status', 'completed');
  await expect(step.getByTestId('step-record')).toContainText(`${executive.displayName}さん`);
  await expect(step.getByTestId('step-record')).toContainText('支払わない');
  await expect(page.getByRole('region', { name: '経過' }).locator('[data-event-type="decision_reached"]')).toContainText('経営判断が「支払わない');
  await step.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('08-incident-decided-desktop-ja') });

  // ---- the organisation's decision log, filtered to the incident, and its CSV (UTF-8 with BOM)
  await page.goto('/decisions');
  await expect(page.getByRole('heading', { name: '経営判断の記録', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: '状態' }).click();
  await page.getByRole('option', { name: '決定済み' }).click();
  const rows = page.getByTestId('decision-log-row');
  await expect(rows.filter({ hasText: inc.reference })).toHaveCount(1);
  await expect(rows.filter({ hasText: inc.reference })).toContainText('支払わない');
  await page.screenshot({ path: shot('09-log-desktop-ja'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで書き出す' }).click()]);
  const csv = await readFile(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  expect(text).toContain('依頼日時,受付番号,種類,問い,状態');
  expect(text).toContain(`${inc.reference},身代金の支払い,攻撃者の要求する身代金を支払いますか。,決定済み`);

  // ---- English, desktop: the decision log, the decision page, the request form
  await useLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Decision log', level: 1 })).toBeVisible();
  await page.screenshot({ path: shot('10-log-desktop-en'), fullPage: true });
  await page.goto(`/decisions/${decisionId}`);
  await expect(page.getByTestId('decision-outcome')).toBeVisible();
  await page.screenshot({ path: shot('11-decision-desktop-en'), fullPage: true });
  await page.goto(`/incidents/${inc.id}`);
  await page.getByRole('region', { name: 'Executive decisions' }).getByRole('button', { name: 'Ask the executives' }).click();
  const dialogEn = page.getByRole('dialog', { name: 'Ask the executives for a decision' });
  await expect(dialogEn.getByRole('textbox', { name: /Kind of decision/ })).toHaveValue('Business stoppage');
  await dialogEn.screenshot({ path: shot('12-request-form-desktop-en') });
});

test('the request form, the desk and the log on a phone, in both languages', async ({ browser }) => {
  const responder = await createUser('Responder', '対応 十郎');
  const executive = await createUser('Executive', '経営 十一');
  const asResponder = await ApiSession.login(responder.email, responder.password);
  const reporter = await createUser('Reporter', '報告 十二');
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  const inc = await asReporter.post<Incident>('/api/incidents', {
    category: 'C2',
    summary: '共有フォルダのファイルの拡張子が変わり、開けません。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: false,
  });
  await asReporter.dispose();
  await asResponder.dispose();

  const context = await newPhoneContext(browser);
  const phone = await context.newPage();
  await loginUi(phone, responder);
  await phone.goto(`/incidents/${inc.id}`);
  await phone.getByRole('region', { name: '経営判断の記録' }).getByRole('button', { name: '経営層に判断を依頼する' }).click();
  const dialog = phone.getByRole('dialog', { name: '経営層への意思決定の依頼' });
  await expect(dialog.getByRole('textbox', { name: '判断の種類' })).toHaveValue('業務停止の範囲と期間');
  // the dialog is full screen on a phone and scrolls itself: its top, then its end
  await phone.screenshot({ path: shot('13-request-form-phone-ja') });
  await dialog.getByRole('button', { name: '依頼を送る' }).scrollIntoViewIfNeeded();
  await phone.screenshot({ path: shot('13b-request-form-end-phone-ja') });
  await dialog.getByRole('textbox', { name: /依頼先1/ }).click();
  await phone.getByRole('option', { name: executive.displayName }).click();
  await dialog.getByRole('textbox', { name: /経緯・状況/ }).fill('営業部の共有フォルダが暗号化されています。');
  await dialog.getByRole('button', { name: '依頼を送る' }).click();
  await expect(dialog).toBeHidden();
  await useLanguage(phone, 'en');
  await phone.getByRole('region', { name: 'Executive decisions' }).getByRole('button', { name: 'Ask the executives' }).click();
  await expect(phone.getByRole('dialog', { name: 'Ask the executives for a decision' })).toBeVisible();
  await phone.screenshot({ path: shot('14-request-form-phone-en') });
  await phone.keyboard.press('Escape');
  await phone.goto('/decisions');
  // a phone gets cards, not the table
  await expect(phone.getByTestId('decision-log-card').filter({ hasText: inc.reference })).toBeVisible();
  await phone.screenshot({ path: shot('15-log-phone-en'), fullPage: true });
  await useLanguage(phone, 'ja');
  await phone.screenshot({ path: shot('16-log-phone-ja'), fullPage: true });
  await context.close();

  // the executive's desk on a desktop
  const desktop = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await desktop.newPage();
  await loginUi(page, executive);
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByTestId('pending-decision').filter({ hasText: inc.reference })).toHaveCount(1);
  await page.screenshot({ path: shot('17-desk-desktop-ja'), fullPage: true });
  await useLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Executive desk', level: 1 })).toBeVisible();
  await page.screenshot({ path: shot('18-desk-desktop-en'), fullPage: true });
  await page.getByTestId('pending-decision').filter({ hasText: inc.reference }).click();
  await expect(page.getByTestId('decide-form')).toBeVisible();
  await page.screenshot({ path: shot('19-decision-desktop-en'), fullPage: true });
  await desktop.close();
});
