import { expect, test } from '@playwright/test';
import {
  advanceTo,
  completeStepUi,
  createUser,
  expectExitCriteriaMet,
  loginUi,
  shotPath,
  stepCard,
  newPhoneContext,
} from '../lib/helpers';

// One C1 (malware) incident from the reporter's phone to 完了, worked by a responder on a desktop.
// Runs in the 'desktop' project only (see playwright.config.ts); the reporter gets a phone-sized context.

const shot = (n: string) => shotPath(`lifecycle-${n}`);

test.setTimeout(180_000); // ~50 s on an idle machine; headroom for a loaded CI box
test('C1 malware: reported on a phone, worked through every stage on a desktop, closed', async ({ browser, page }) => {
  const reporter = await createUser('Reporter', '報告 花子');
  const responder = await createUser('Responder', '対応 太郎');

  // ---------------------------------------------------------------- reporter, phone-sized
  const phoneContext = await newPhoneContext(browser);
  const phone = await phoneContext.newPage();
  await loginUi(phone, reporter);
  await expect(phone.getByRole('heading', { name: 'セキュリティ事故を報告する' })).toBeVisible();
  await phone.screenshot({ path: shot('01-report-phone') });

  await phone.getByRole('radio', { name: 'ウイルス・不審な動作' }).click();
  const disconnect = phone.getByRole('alert').filter({ hasText: 'まずネットワークから切り離してください' });
  await expect(disconnect).toBeVisible();
  await expect(disconnect).toContainText('LANケーブルを抜く／Wi-Fiをオフにしてから報告してください');
  await phone.getByRole('radio', { name: 'はい、切断しました' }).check();
  await disconnect.scrollIntoViewIfNeeded();
  await phone.screenshot({ path: shot('02-disconnect-phone') });

  const summary = 'ウイルス対策ソフトが警告を出し、見慣れない広告が画面いっぱいに出ています。LANケーブルは抜きました。';
  await phone.getByLabel('何が起きたか').fill(summary);
  // The time picker speaks Japanese (2026年12月, weeks from 日) and names the organisation's zone (issue 9 §7).
  await phone.getByText('それより前…').click();
  await expect(phone.getByText('時刻はJST（組織の標準時）')).toBeVisible();
  await phone.getByRole('button', { name: /気づいた日時/ }).click();
  const picker = phone.getByRole('dialog');
  await expect(picker.getByText(/^\d{4}年\d{1,2}月$/)).toBeVisible();
  await expect(picker.getByText('日', { exact: true }).first()).toBeVisible();
  await phone.screenshot({ path: shot('02a-when-picker-phone') });
  await phone.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await phone.getByRole('button', { name: '報告を送信する' }).click();

  const referenceEl = phone.getByTestId('report-reference');
  await expect(referenceEl).toHaveText(/^INC-\d{4}-\d{4}$/);
  const reference = (await referenceEl.textContent())!.trim();
  await expect(phone.getByRole('status').filter({ hasText: '報告を受け付けました' })).toBeVisible();
  await phone.screenshot({ path: shot('03-reference-phone'), fullPage: true });

  // ---------------------------------------------------------------- responder, desktop
  await loginUi(page, responder);
  await expect(page).toHaveURL(/\/board$/);
  const card = page.locator('section[data-stage="detection"]').getByTestId('incident-card').filter({ hasText: reference });
  await expect(card).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('04-board-desktop') });
  await card.click();

  await expect(page.getByRole('heading', { name: reference, level: 1 })).toBeVisible();
  const panel = page.getByRole('region', { name: '期限と通知' });
  await expect(panel.locator('[data-testid="deadline"][data-kind="acknowledge"][data-status="open"]')).toHaveCount(1);
  // 検知: the disconnect step was completed by the reporter's answer and "report at once" by filing the report
  // (issue 9 §9), so acknowledging meets detection's exit criteria and the incident moves on to 初動対応.
  await expect(stepCard(page, 'disconnect-from-network')).toHaveAttribute('data-status', 'completed');
  const reported = stepCard(page, 'report-immediately');
  await expect(reported).toHaveAttribute('data-status', 'completed');
  await expect(reported).toContainText(reference);
  await reported.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('05-detection-desktop') });
  await page.getByRole('button', { name: '受付を確認する' }).click();
  await expect(page.getByRole('button', { name: '受付を確認する' })).toBeHidden();
  // The deadlines panel follows at once, not after its next poll (issue 9 §4).
  await expect(panel.locator('[data-testid="deadline"][data-kind="acknowledge"][data-status="open"]')).toHaveCount(0, { timeout: 3_000 });
  await expect(page.getByRole('navigation', { name: '対応の進み具合' }).locator('[aria-current="step"]')).toContainText('初動対応');
  // The reporter's status mail leaves through the outbox after the command: the panel shows it sent within seconds.
  await expect(panel.getByTestId('delivery-row').filter({ hasText: '【状況のお知らせ】' }).locator('[data-status="sent"]').first()).toBeVisible({
    timeout: 8_000,
  });

  // 初動対応: required task steps, then the triage record (public + minor, no personal data, no harm, no leak).
  await completeStepUi(page, 'contact-by-priority', '情報システム部長へ 10:15 に電話連絡');
  await completeStepUi(page, 'confirm-isolation', '報告者のPCを隔離済み。共用PC・ファイルサーバに異常なし');

  const triage = page.getByRole('form', { name: '初動対応', exact: true });
  // The triage form sits with the current stage, above the playbook's stage list (issue 9 §6).
  const formTop = (await triage.boundingBox())!.y;
  expect(formTop).toBeLessThan((await page.getByTestId('playbook-checklist').boundingBox())!.y);
  expect(formTop).toBeLessThan(1200);
  // Advancing too early: each unmet criterion links to the field that satisfies it.
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'まだ満たしていない条件があります' });
  await refused.getByRole('button', { name: '重大度を評価している' }).click();
  await expect(triage.getByRole('radio', { name: '公開' })).toBeFocused();
  await page.screenshot({ path: shot('06a-refused-desktop') });
  // On a responder's phone too, the triage form comes right after the stage's criteria.
  const responderPhone = await newPhoneContext(browser);
  const rp = await responderPhone.newPage();
  await loginUi(rp, responder);
  await rp.goto(page.url());
  const phoneTriage = rp.getByRole('form', { name: '初動対応', exact: true });
  await expect(phoneTriage).toBeVisible();
  expect((await phoneTriage.boundingBox())!.y).toBeLessThan((await rp.getByTestId('playbook-checklist').boundingBox())!.y);
  await rp.getByTestId('current-stage').scrollIntoViewIfNeeded();
  await rp.screenshot({ path: shot('06b-triage-phone') });
  await triage.getByRole('radio', { name: '公開' }).check();
  await triage.getByRole('radio', { name: '軽微' }).check();
  await expect(triage.getByRole('checkbox', { name: '個人情報が関係している' })).not.toBeChecked();
  await expect(triage.getByRole('checkbox', { name: '利用者（顧客など）に被害が及ぶおそれがある' })).not.toBeChecked();
  await expect(triage.getByRole('checkbox', { name: '情報が漏えいしているおそれがある' })).not.toBeChecked();
  await triage.getByRole('textbox', { name: '対応責任者' }).click();
  await page.getByRole('option', { name: responder.displayName }).click();
  await expect(triage.getByTestId('severity-preview')).toHaveText('低');
  await triage.getByRole('button', { name: '初動対応を保存' }).click();
  await expectExitCriteriaMet(page);
  // The refusal listed criteria that are met now: it does not linger (issue 9 §4).
  await expect(refused).toHaveCount(0);
  // the owner on the incident page (the header shows the signed-in user's name only on the widest screens)
  await expect(page.getByRole('main').getByText(responder.displayName).first()).toBeVisible();

  // Low severity, no leak, no harm: the conditioned steps and the executive decisions do not apply.
  for (const id of ['report-to-responsible-person', 'close-website-or-move-data', 'notify-affected-users', 'decide-business-stoppage', 'decide-response-policy']) {
    await expect(stepCard(page, id)).toHaveAttribute('data-applies', 'false');
    await expect(stepCard(page, id).getByRole('button', { name: '完了にする' })).toHaveCount(0);
  }
  await stepCard(page, 'decide-business-stoppage').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('06-triage-desktop') });
  await advanceTo(page, '分析');

  // 分析: steps, then 5W1H (when/why unknown) and the rest.
  await completeStepUi(page, 'scan-and-remove', '最新の定義ファイルで検査。アドウェア1件を検出し駆除');
  await completeStepUi(page, 'identify-scope', '感染は報告者のPC1台のみ。経路はフリーソフトのインストーラ');
  await expect(stepCard(page, 'notify-individuals')).toHaveAttribute('data-applies', 'false');

  const analysis = page.getByRole('form', { name: '分析', exact: true });
  await analysis.getByRole('textbox', { name: '誰が', exact: true }).fill('外部の攻撃者（アドウェア配布者）');
  await analysis.getByRole('textbox', { name: '何を', exact: true }).fill('報告者のPC');
  await analysis.getByRole('checkbox', { name: '「いつ」は不明' }).check();
  await analysis.getByRole('textbox', { name: 'どこで', exact: true }).fill('営業部');
  await analysis.getByRole('checkbox', { name: '「なぜ」は不明' }).check();
  await analysis.getByRole('textbox', { name: 'どのように', exact: true }).fill('フリーソフトに同梱されたアドウェア');
  await expect(analysis.getByRole('textbox', { name: 'いつ', exact: true })).toBeDisabled();
  await analysis.getByRole('textbox', { name: '被害の内容', exact: true }).fill('広告表示による業務効率の低下。情報の外部送信はなし');
  await analysis.getByRole('textbox', { name: '被害の規模', exact: true }).fill('PC1台、約2時間');
  await analysis.getByRole('textbox', { name: '影響を受けた資産・記録', exact: true }).fill('営業部PC（管理番号 PC-0123）');
  await analysis.getByRole('textbox', { name: '原因', exact: true }).fill('許可されていないフリーソフトのインストール');
  await analysis.getByRole('textbox', { name: '対応策', exact: true }).fill('駆除と再セットアップ');
  await analysis.getByRole('button', { name: '分析を保存' }).click();
  await expectExitCriteriaMet(page);
  await page.getByTestId('exit-checklist').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('07-analysis-desktop') });
  await advanceTo(page, '復旧');

  // 復旧: verified + one notified party first (the verify-and-notify step takes them as its record).
  const recovery = page.getByRole('form', { name: '復旧', exact: true });
  await recovery.getByRole('textbox', { name: '実施した復旧作業' }).fill('PCを再セットアップし、パッチと定義ファイルを最新化');
  await recovery.getByRole('checkbox', { name: '正常に動作していることを確認した' }).check();
  await recovery.getByRole('button', { name: '連絡先を追加' }).click();
  await recovery.getByRole('textbox', { name: '連絡先（相手）' }).fill('営業部長');
  await recovery.getByRole('textbox', { name: '方法' }).fill('電話');
  await recovery.getByRole('button', { name: '復旧を保存' }).click();
  await expect(page.getByTestId('exit-checklist').locator('li', { hasText: '関係者・利用者への連絡を記録している' })).toHaveAttribute('data-met', 'true');

  await completeStepUi(page, 'return-device-clean', 'PC-0123 を再セットアップ。パッチ適用とウイルス対策を確認して返却');
  await completeStepUi(page, 'verify-and-notify');
  await expect(stepCard(page, 'verify-and-notify')).toContainText('営業部長');
  await expectExitCriteriaMet(page);
  await page.getByTestId('exit-checklist').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('08-recovery-desktop') });
  await advanceTo(page, '再発防止');

  // 再発防止: one step done first; then root cause, one measure "done" and the policy flag typed, not saved.
  await completeStepUi(page, 'antivirus-and-updates', '全PCの定義ファイル自動更新とOS更新を確認');
  const prevention = page.getByRole('form', { name: '再発防止', exact: true });
  const rootCause = 'ソフトウェアのインストールが許可制になっていなかった';
  const measure = '全社員にフリーソフトの取り扱いを周知';
  await prevention.getByRole('textbox', { name: '根本原因' }).fill(rootCause);
  await prevention.getByRole('button', { name: '対策を追加' }).click();
  await prevention.getByRole('textbox', { name: '対策の内容' }).fill(measure);
  await prevention.getByRole('textbox', { name: '実施の判断' }).click();
  await page.getByRole('option', { name: '実施済み' }).click();
  await prevention.getByRole('radio', { name: 'はい' }).check();

  // Reopening a checklist step changes the incident underneath: the typed text stays, and the form says so (issue 9 §2).
  const av = stepCard(page, 'antivirus-and-updates');
  await av.getByRole('button', { name: '未対応に戻す' }).click();
  await av.getByRole('button', { name: '未対応に戻す' }).click();
  await expect(av).toHaveAttribute('data-status', 'open');
  await expect(prevention.getByTestId('changed-notice')).toBeVisible();
  await expect(prevention.getByRole('textbox', { name: '根本原因' })).toHaveValue(rootCause);
  await expect(prevention.getByRole('textbox', { name: '対策の内容' })).toHaveValue(measure);
  await expect(prevention.getByRole('textbox', { name: '実施の判断' })).toHaveValue('実施済み');
  await expect(prevention.getByRole('radio', { name: 'はい' })).toBeChecked();
  await prevention.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('09a-kept-text-desktop') });
  await prevention.getByRole('button', { name: '再発防止策を保存' }).click();
  await expect(page.getByTestId('exit-checklist').locator('li', { hasText: '根本原因を記録している' })).toHaveAttribute('data-met', 'true');
  await expect(prevention.getByTestId('changed-notice')).toHaveCount(0);
  await expect(prevention.getByRole('textbox', { name: '根本原因' })).toHaveValue(rootCause);

  await completeStepUi(page, 'antivirus-and-updates', '全PCの定義ファイル自動更新とOS更新を確認');
  await completeStepUi(page, 'record-root-cause');
  await completeStepUi(page, 'reflect-in-policy', 'ソフトウェア導入の申請手順をポリシーに追加');
  await expectExitCriteriaMet(page);
  await page.getByTestId('exit-checklist').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('09-prevention-desktop') });

  // 完了
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  await expect(page.getByRole('navigation', { name: '対応の進み具合' }).locator('[aria-current="step"]')).toContainText('完了');
  await expect(page.getByText('対応が完了しました')).toBeVisible();
  await expect(page.getByRole('button', { name: '次の段階へ進む' })).toHaveCount(0);

  const timeline = page.getByRole('region', { name: '経過' });
  const who = responder.displayName;
  for (const [from, to] of [
    ['検知', '初動対応'],
    ['初動対応', '分析'],
    ['分析', '復旧'],
    ['復旧', '再発防止'],
    ['再発防止', '完了'],
  ]) {
    await expect(timeline.getByText(`${who}さんが段階を「${from}」から「${to}」に進めました`)).toBeVisible();
  }
  await expect(timeline.locator('[data-event-type="stage_advanced"]')).toHaveCount(5);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot('10-closed-desktop') });
  await timeline.screenshot({ path: shot('11-timeline-desktop') });

  // Closed: every stage's record is on screen, read-only, with who recorded it (issue 9 §3) ...
  const records = page.getByTestId('stage-records');
  const expected: Record<string, string[]> = {
    triage: ['公開', '軽微', '低'],
    analysis: ['外部の攻撃者（アドウェア配布者）', '不明', '広告表示による業務効率の低下', 'PC1台、約2時間', '許可されていないフリーソフトのインストール', '駆除と再セットアップ'],
    recovery: ['PCを再セットアップし、パッチと定義ファイルを最新化', `はい（${who}さんが`, '営業部長'],
    prevention: [rootCause, `${measure} — 実施済み`, 'はい'],
  };
  for (const [stage, texts] of Object.entries(expected)) {
    const record = records.getByTestId(`record-${stage}`);
    await expect(record.locator('button[aria-expanded]')).toHaveAttribute('aria-expanded', 'true');
    await expect(record.getByTestId('record-row').last()).toBeVisible();
    await expect(record.getByTestId('record-by')).toContainText(`${who}さんが`);
    for (const text of texts) await expect(record).toContainText(text);
  }
  await expect(records.getByRole('textbox')).toHaveCount(0);
  await records.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('10a-records-desktop') });
  const incidentUrl = page.url();

  // ... and in the print view.
  await page.getByRole('link', { name: '印刷用' }).click();
  const printed = page.getByTestId('print-records');
  for (const [stage, texts] of Object.entries(expected)) {
    const record = printed.getByTestId(`print-record-${stage}`);
    await expect(record).toContainText(`${who}さんが`);
    for (const text of texts) await expect(record).toContainText(text);
  }
  await printed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('10b-print-records-desktop') });

  // The same closed incident on a responder's phone.
  await rp.goto(incidentUrl);
  await expect(rp.getByTestId('record-prevention')).toContainText(rootCause);
  await rp.getByTestId('stage-records').scrollIntoViewIfNeeded();
  await rp.screenshot({ path: shot('10c-records-phone') });
  await responderPhone.close();

  // ---------------------------------------------------------------- reporter again: My reports
  await phone.goto('/my-reports');
  const mine = phone.getByRole('listitem').filter({ hasText: reference });
  await expect(mine.getByTestId('plain-status')).toHaveText('対応が完了しました');
  await expect(mine).toContainText('完了');
  await phone.screenshot({ path: shot('12-my-reports-phone'), fullPage: true });
  await phoneContext.close();
});
