import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, createUser, loginUi, newPhoneContext, setDefaultChain, shotPath, waitForMail } from '../lib/helpers';

// Issue 11 §4 and §6: an admin facilitator schedules the ransomware drill (s1-ransomware-telework) with a time scale
// and starts it; a responder playing on a phone enters KYT predictions (1R), acknowledges the contact-chain mail through
// the maildev sink (open the personal link, press the button), and asks the executives for the ransom decision in the
// drill incident (DRL-…); the facilitator releases the injects by hand, watches the expected actions tick off and the
// chain answer, reveals, records 2R-4R and an observation, and ends the drill. Screenshots in ja and en, phone and
// desktop. Runs in the 'desktop' project only (see playwright.config.ts); the player uses a phone-sized context.

const shot = (n: string) => shotPath(`drill-${n}`);

async function useLanguage(page: Page, lang: 'ja' | 'en') {
  await page.evaluate((l) => localStorage.setItem('incidentdesk.lang', l), lang);
  await page.reload();
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, scope: ReturnType<Page['getByTestId']> | Page, label: string | RegExp, option: string | RegExp) {
  await scope.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

test.setTimeout(300_000);

test('a facilitator runs the ransomware drill: predictions on a phone, the chain acknowledged, the ransom decision asked, the drill ended', async ({
  browser,
  page,
}) => {
  const facilitator = await createUser('Admin', '進行 一郎');
  const player = await createUser('Responder', '対応 二郎');
  const executive = await createUser('Executive', '経営 三子');
  // the contact chain under test: the player (C2 has no chain of its own here, so the default chain is tried)
  await setDefaultChain([{ name: player.displayName, email: player.email, role: '情報システム担当', language: 'ja' }]);

  // ---- the facilitator schedules the drill
  await loginUi(page, facilitator);
  await page.goto('/drills');
  await expect(page.getByRole('heading', { name: '訓練', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-banner')).toBeVisible();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '訓練' }).first().isVisible();
  await page.getByRole('link', { name: '訓練を計画する' }).click();
  const form = page.getByTestId('schedule-form');
  await choose(page, form, 'シナリオ', /テレワーク端末から社内サーバへ広がったランサムウェア/);
  await expect(form.getByTestId('scenario-facts')).toContainText('所要 約90分');
  await expect(form.getByTestId('scenario-objectives')).toContainText('感染した端末をすぐにネットワークから切り離し');
  await expect(form.getByRole('textbox', { name: /時間の倍率/ })).toHaveValue('12');
  await form.getByRole('textbox', { name: /時間の倍率/ }).fill('30');
  await choose(page, form, /参加者1/, player.displayName);
  await form.getByRole('button', { name: '参加者を追加' }).click();
  await choose(page, form, /参加者2/, executive.displayName);
  await form.getByRole('textbox', { name: 'チーム' }).nth(1).click();
  await page.getByRole('option', { name: '経営層' }).click();
  await page.screenshot({ path: shot('01-schedule-desktop-ja'), fullPage: true });
  await form.getByRole('button', { name: 'この内容で計画する' }).click();
  await expect(page).toHaveURL(/\/drills\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const runId = page.url().split('/drills/')[1]!;
  const console_ = page.getByTestId('drill-console');
  await expect(console_.getByTestId('drill-status').first()).toHaveAttribute('data-status', 'scheduled');

  // the player is invited by a marked mail that links to the drill's page
  const invite = await waitForMail(player.email, (m) => m.subject.includes('訓練のご案内'));
  expect(invite.subject).toContain('【訓練/DRILL】');
  expect(invite.text).toContain(`${BASE_URL}/drills/${runId}`);

  // ---- start: the drill incident (DRL-) is filed and the contact-chain check starts
  await console_.getByRole('button', { name: '開始' }).click();
  await expect(console_.getByTestId('drill-status').first()).toHaveAttribute('data-status', 'running');
  await expect(console_.getByTestId('drill-clock')).toContainText('×30倍速');
  await expect(console_.getByTestId('drill-incident-link')).toContainText('DRL-', { timeout: 30_000 });
  await expect(page.getByTestId('drill-contact-check').getByTestId('contact-check-table')).toBeVisible({ timeout: 30_000 });

  // ---- the player on a phone: the situation, then predictions (1R)
  const phoneContext = await newPhoneContext(browser);
  const phone = await phoneContext.newPage();
  await loginUi(phone, player);
  await phone.goto(`/drills/${runId}`);
  const view = phone.getByTestId('participant-view');
  await expect(view.getByTestId('participant-situation')).toContainText('従業員30名の卸売業', { timeout: 30_000 });
  await expect(phone.getByTestId('drill-banner')).toBeVisible();
  const predict = view.getByTestId('prediction-form');
  await expect(predict).toContainText('あと3件書けます');
  await predict.getByRole('textbox', { name: /予測した危険/ }).fill('VPN経由で社内のファイルサーバにも感染が広がる');
  await predict.getByRole('button', { name: '送る' }).click();
  await expect(view.getByTestId('prediction')).toHaveCount(1);
  await predict.getByRole('textbox', { name: /予測した危険/ }).fill('サーバにつないだままのNASのバックアップも暗号化される');
  await predict.getByRole('button', { name: '送る' }).click();
  await expect(view.getByTestId('prediction')).toHaveCount(2);
  await expect(predict).toContainText('あと1件書けます');
  await phone.screenshot({ path: shot('02-player-phone-ja'), fullPage: true });

  // ---- the facilitator releases injects by hand until the attacker's countdown (the ransom decision is expected)
  const delivered = console_.getByTestId('delivered-injects');
  // the console has seen the predictions (each one is a new version of the run, and a release needs the current one)
  await expect(console_.getByTestId('predictions-panel').getByTestId('prediction')).toHaveCount(2, { timeout: 30_000 });
  for (let i = 0; i < 12; i++) {
    if ((await delivered.locator('[data-inject-id="countdown"]').count()) > 0) break;
    // An inject timer may fire between the console's last poll and the click: the release then answers 412, the console
    // reloads the run, and the facilitator presses again.
    await expect(async () => {
      const before = await delivered.getByTestId('drill-inject').count();
      await console_.getByRole('button', { name: '次の状況付与を今すぐ出す' }).click();
      await expect.poll(() => delivered.getByTestId('drill-inject').count(), { timeout: 5_000 }).toBeGreaterThan(before);
    }).toPass({ timeout: 30_000 });
  }
  await expect(delivered.locator('[data-inject-id="countdown"]')).toBeVisible();
  await expect(console_.getByTestId('predictions-panel').getByTestId('prediction')).toHaveCount(2);

  // ---- the player acknowledges the chain mail: the personal link from maildev, then the button
  const chainMail = await waitForMail(player.email, (m) => m.subject.includes('連絡体制の確認'));
  expect(chainMail.subject).toContain('【訓練/DRILL】');
  const links = chainMail.text.match(/https?:\/\/\S+\/drill-ack\/[0-9a-f-]{36}\?token=\S+/g) ?? [];
  expect(links, chainMail.text).toHaveLength(1);
  await phone.goto(links[0]!);
  await expect(phone.getByTestId('drill-banner')).toBeVisible();
  await phone.screenshot({ path: shot('03-chain-ack-phone-ja'), fullPage: true });
  await phone.getByRole('button', { name: '受信を確認しました' }).click();
  await expect(phone.getByTestId('drill-ack-done')).toBeVisible();
  await expect(page.getByTestId('contact-check-summary')).toContainText('1人中1人が確認', { timeout: 30_000 });
  const chainAction = console_.locator('[data-testid="expected-action"][data-action-id="chain-acknowledged"]');
  await expect(chainAction).toHaveAttribute('data-status', 'met', { timeout: 30_000 });

  // ---- the team asks the executives for the ransom decision in the drill incident (from the player's phone)
  await phone.goto(`/drills/${runId}`);
  await phone.getByTestId('drill-incident-link').click();
  await expect(phone).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(phone.getByRole('heading', { name: /DRL-/, level: 1 })).toBeVisible({ timeout: 30_000 });
  await phone.getByRole('region', { name: '経営判断の記録' }).getByRole('button', { name: '経営層に判断を依頼する' }).click();
  const dialog = phone.getByRole('dialog', { name: '経営層への意思決定の依頼' });
  await dialog.getByRole('textbox', { name: '判断の種類' }).click();
  await phone.getByRole('option', { name: '身代金の支払い' }).click();
  await dialog.getByRole('textbox', { name: /経緯・状況/ }).fill('【訓練】ファイルサーバとNASが暗号化され、72時間以内に10万米ドルの支払いを要求されています。');
  await dialog.getByRole('textbox', { name: /依頼先1/ }).click();
  await phone.getByRole('option', { name: executive.displayName }).click();
  await dialog.getByRole('button', { name: '依頼を送る' }).click();
  await expect(dialog).toBeHidden();
  const ransomAction = console_.locator('[data-testid="expected-action"][data-action-id="request-ransom-decision"]');
  await expect(ransomAction).toHaveAttribute('data-status', 'met', { timeout: 30_000 });
  await expect(ransomAction.getByTestId('action-judged')).toContainText('自動で判定');

  // ---- the facilitator judges one action by hand, reveals, records 2R-4R and an observation
  const cutVpn = console_.locator('[data-testid="expected-action"][data-action-id="cut-vpn"]');
  await cutVpn.getByRole('button', { name: 'できた' }).click();
  await expect(cutVpn).toHaveAttribute('data-status', 'met');
  await expect(cutVpn.getByTestId('action-judged')).toContainText(`${facilitator.displayName}さんが判定`);
  await console_.getByRole('button', { name: '答え合わせ（事故を示す）' }).click();
  const firstPrediction = console_.getByTestId('predictions-panel').getByTestId('prediction').first();
  await firstPrediction.getByRole('button', { name: '当たり' }).click();
  await expect(firstPrediction).toHaveAttribute('data-matched', 'true');
  const kyt = console_.getByTestId('kyt-form');
  await kyt.getByRole('textbox', { name: /これが危険のポイント/ }).fill('NASがサーバにつながったまま\nVPN機器の更新が遅れていた');
  await kyt.getByRole('textbox', { name: /あなたならどうする/ }).fill('バックアップの1つはオフラインで持つ');
  await kyt.getByRole('textbox', { name: /チームの行動目標/ }).fill('感染を疑ったら、まず切り離してからすぐ報告しよう');
  await kyt.getByRole('button', { name: '記録する' }).click();
  await expect(kyt.getByRole('textbox', { name: /チームの行動目標/ })).toHaveValue('感染を疑ったら、まず切り離してからすぐ報告しよう');
  const observe = console_.getByTestId('observation-form');
  await observe.getByText('改善点').click();
  await observe.getByRole('textbox', { name: /内容/ }).fill('経営層への第一報に、暗号化の範囲が書かれていなかった');
  await observe.getByRole('button', { name: '記録する' }).click();
  await expect(console_.getByTestId('observation')).toHaveCount(1);
  await page.screenshot({ path: shot('04-console-desktop-ja'), fullPage: true });
  // what a big screen shows without scrolling
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot('04b-console-top-desktop-ja') });

  // the player sees the reveal and the team's 2R-4R on the phone
  await phone.goto(`/drills/${runId}`);
  await expect(phone.getByTestId('drill-reveal')).toBeVisible({ timeout: 30_000 });
  await expect(phone.getByTestId('kyt-summary')).toContainText('感染を疑ったら、まず切り離してからすぐ報告しよう');
  await expect(phone.getByTestId('prediction-form')).toHaveCount(0);
  await phone.screenshot({ path: shot('05-player-revealed-phone-ja'), fullPage: true });
  await useLanguage(phone, 'en');
  await expect(phone.getByRole('heading', { name: 'Ransomware spreads from a telework laptop to the file server', level: 1 })).toBeVisible();
  await phone.screenshot({ path: shot('06-player-revealed-phone-en'), fullPage: true });
  await phoneContext.close();

  // ---- STOP asks first; then the facilitator ends the drill
  await console_.getByRole('button', { name: 'STOP（中止）' }).click();
  const stopDialog = page.getByRole('dialog', { name: '訓練を中止しますか（STOPEX）' });
  await expect(stopDialog).toBeVisible();
  await stopDialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(console_.getByTestId('drill-status').first()).toHaveAttribute('data-status', 'running');
  await console_.getByRole('button', { name: '終了' }).click();
  const endDialog = page.getByRole('dialog', { name: '訓練を終了しますか' });
  await endDialog.getByRole('button', { name: '終了する' }).click();
  await expect(console_.getByTestId('drill-status').first()).toHaveAttribute('data-status', 'ended');
  await expect(console_.getByTestId('next-inject')).toContainText('訓練は終わりました');
  await page.screenshot({ path: shot('07-console-ended-desktop-ja'), fullPage: true });
  await useLanguage(page, 'en');
  await expect(page.getByTestId('drill-console')).toContainText('Expected actions');
  await page.screenshot({ path: shot('08-console-ended-desktop-en'), fullPage: true });

  // ---- the after-action report: the contact-chain table and the expected actions, on screen and on paper
  await useLanguage(page, 'ja');
  await page.getByRole('link', { name: '事後レビュー報告書を開く' }).click();
  await expect(page).toHaveURL(new RegExp(`/drills/${runId}/report$`));
  const chainTable = page.getByTestId('report-contact-check');
  await expect(chainTable).toHaveCount(1, { timeout: 30_000 });
  await expect(chainTable.getByTestId('contact-outcome').first()).toHaveAttribute('data-outcome', 'acknowledged');
  const reportActions = page.getByTestId('report-actions');
  await expect(reportActions.locator('[data-action-id="request-ransom-decision"]')).toHaveAttribute('data-status', 'met');
  await expect(reportActions.locator('[data-action-id="cut-vpn"]')).toHaveAttribute('data-status', 'met');
  await page.screenshot({ path: shot('11-report-desktop-ja'), fullPage: true });
  await useLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: /Contact chain/ })).toBeVisible();
  await page.screenshot({ path: shot('12-report-desktop-en'), fullPage: true });
  await page.getByRole('link', { name: 'Print view' }).click();
  await expect(page.getByTestId('report-contact-check')).toHaveCount(1);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: shot('13-report-print-en'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // the list shows it finished
  await page.goto('/drills');
  await expect(page.getByTestId('drills-finished').locator(`[data-drill-id="${runId}"]`)).toBeVisible();
  await page.screenshot({ path: shot('09-list-desktop-en'), fullPage: true });
  await useLanguage(page, 'ja');
  await page.screenshot({ path: shot('10-list-desktop-ja'), fullPage: true });
});
