import { expect, test } from '@playwright/test';
import { ApiSession, BASE_URL, completeStepUi, createUser, loginUi, shotPath, stepCard } from '../lib/helpers';

// C2 (ransomware) triage gate: a stage cannot be left while a required step is open (409
// required_step_open), and the executive decision "decide-business-stoppage" is an Executive's alone.
// Runs in the 'desktop' project only (see playwright.config.ts).

const shot = (n: string) => shotPath(`ransomware-${n}`);

interface Incident {
  id: string;
  version: number;
  reference: string;
  stage: string;
}

test.setTimeout(120_000); // ~26 s on an idle machine; headroom for a loaded CI box

test('C2 ransomware: open required steps block triage until the executive decides', async ({ page, browser }) => {
  const reporter = await createUser('Reporter', '報告 次郎');
  const responder = await createUser('Responder', '対応 三郎');
  const executive = await createUser('Executive', '経営 四郎');

  // ---- setup through the API: filed by the reporter; acknowledged, detection done and triage recorded by the responder
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  let inc = await asReporter.post<Incident>('/api/incidents', {
    category: 'C2',
    summary: '共有フォルダのファイルが開けず、画面に身代金を要求するメッセージが出ています。',
    noticedAt: new Date().toISOString(),
    disconnectedFromNetwork: true,
    personalDataMayBeInvolved: false,
  });
  await asReporter.dispose();
  expect(inc.reference).toMatch(/^INC-\d{4}-\d{4}$/);

  const asResponder = await ApiSession.login(responder.email, responder.password);
  const cmd = async (action: string, body: unknown) => {
    inc = await asResponder.post<Incident>(`/api/incidents/${inc.id}/${action}`, body, inc.version);
  };
  // The reporter's steps are done by the report (disconnected; filing is the report): acknowledging moves it to triage.
  await cmd('acknowledge', {});
  expect(inc.stage).toBe('triage');
  await cmd('triage', {
    infoClass: 'business',
    impact: 'serious',
    personalDataInvolved: false,
    usersMayBeHarmed: false,
    dataMayBeLeaking: false,
    containmentActions: ['端末をネットワークから切断'],
    ownerId: responder.id,
  });
  await asResponder.dispose();
  expect(inc.stage).toBe('triage');

  // ---- the responder works the triage steps in the browser
  await loginUi(page, responder);
  await page.goto(`/incidents/${inc.id}`);
  await expect(page.getByRole('heading', { name: inc.reference, level: 1 })).toBeVisible();
  await expect(page.getByTestId('stage-triage')).toContainText('現在の段階');

  await completeStepUi(page, 'confirm-isolation', '報告者のPCを隔離。共有フォルダの暗号化は営業部フォルダのみ');

  // Advance with required steps still open: refused, and the open required steps are listed by title.
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'まだ満たしていない条件があります' });
  await expect(refused).toBeVisible();
  const open = refused.locator('[data-rule="required_step_open"]');
  await expect(open).toHaveCount(3);
  await expect(open.filter({ hasText: 'あらかじめ決めた優先順位で関係部署・担当者へ連絡する' })).toBeVisible();
  await expect(open.filter({ hasText: 'バックアップを切り離して守る' })).toBeVisible();
  await expect(open.filter({ hasText: '復旧のために通常業務をいつまで・どの範囲まで止めるかを決める' })).toBeVisible();
  await expect(open.filter({ hasText: '端末の隔離を確認' })).toHaveCount(0);
  // The refused change brings the blocking steps into view, highlighted.
  await expect(stepCard(page, 'protect-backups')).toHaveAttribute('data-highlighted', 'true');
  await expect(page.getByTestId('stage-triage')).toContainText('現在の段階');
  await refused.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('01-gate-refused') });

  // The responder completes the remaining task steps ...
  await completeStepUi(page, 'contact-by-priority', '情報システム部長と社長へ 9:40 に電話連絡');
  await completeStepUi(page, 'protect-backups', 'NASを切り離し。前日夜のテープバックアップが利用可能');

  // ... but the executive decision offers the responder no action.
  const decision = stepCard(page, 'decide-business-stoppage');
  await expect(decision).toHaveAttribute('data-status', 'open');
  await expect(decision).toContainText('経営者が判断する手順');
  await expect(decision.getByRole('button', { name: '完了にする' })).toHaveCount(0);
  await expect(decision.getByRole('button', { name: '省略する' })).toHaveCount(0);
  await decision.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('02-decision-no-action-responder') });

  // Still refused, now for the decision alone.
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  await expect(refused.locator('[data-rule="required_step_open"]')).toHaveCount(1);
  await expect(refused).toContainText('復旧のために通常業務をいつまで・どの範囲まで止めるかを決める');

  // ---- an Executive completes the decision
  const execContext = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const execPage = await execContext.newPage();
  await loginUi(execPage, executive);
  await execPage.goto(`/incidents/${inc.id}`);
  await expect(execPage.getByRole('heading', { name: inc.reference, level: 1 })).toBeVisible();
  // An Executive reads the incident but runs no stage commands.
  await expect(execPage.getByText('閲覧のみ（操作は対応担当者・管理者が行います）')).toBeVisible();
  await completeStepUi(execPage, 'decide-business-stoppage', '営業部の業務を本日中停止し、復元後に再開する。理由：暗号化が営業部フォルダに限られるため');
  await expect(stepCard(execPage, 'decide-business-stoppage')).toContainText(`${executive.displayName}さんが完了`);
  await stepCard(execPage, 'decide-business-stoppage').scrollIntoViewIfNeeded();
  await execPage.screenshot({ path: shot('03-decision-by-executive') });
  await execContext.close();

  // ---- the responder (reloaded: the executive changed the incident) advances to 分析
  await page.reload();
  await expect(stepCard(page, 'decide-business-stoppage')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('exit-checklist').locator('[data-met="false"]')).toHaveCount(0);
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  await expect(page.getByRole('navigation', { name: '対応の進み具合' }).locator('[aria-current="step"]')).toContainText('分析');
  await expect(page.getByTestId('stage-analysis')).toContainText('現在の段階');
  await expect(page.getByRole('alert').filter({ hasText: 'まだ満たしていない条件があります' })).toHaveCount(0);
  const timeline = page.getByRole('region', { name: '経過' });
  await expect(timeline.getByText(`${executive.displayName}さんが手順「復旧のために通常業務をいつまで・どの範囲まで止めるかを決める」を完了しました`)).toBeVisible();
  await expect(timeline.getByText(`${responder.displayName}さんが段階を「初動対応」から「分析」に進めました`)).toBeVisible();
  await page.screenshot({ path: shot('04-advanced-to-analysis'), fullPage: true });
});
