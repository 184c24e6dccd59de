import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiSession, createUser, loginUi, newPhoneContext, setDefaultChain, shotPath } from '../lib/helpers';

// Issue 9 §5: an escalated, overdue, breached ransomware report stands out on the board (colour, icon and words),
// the attention filter finds it, a near-identical second report by the same reporter is flagged as a possible
// duplicate to responders (never to the reporter), and at 1440 px with the closed column on no card cuts off a
// badge or an age. Runs in the 'desktop' project only (see playwright.config.ts); the phone board is a context of its own.

const shot = (n: string) => shotPath(`board-attention-${n}`);

interface Incident {
  id: string;
  version: number;
  reference: string;
  possibleDuplicateOf?: { id: string; reference: string } | null;
}

interface Row {
  id: string;
  overdue: boolean;
  escalated: boolean;
  breached: boolean;
  possibleDuplicateOf?: { id: string; reference: string } | null;
}

interface SlaPolicyView {
  policy: { rows: { severity: string; acknowledge: unknown; triage: unknown; reminder: unknown }[]; timeZone: string; businessDayStartHour: number };
  version: number;
}

const RANSOM = '共有フォルダのファイルが開けず、画面に身代金を要求するメッセージが出ています。';
const RANSOM_AGAIN = '共有フォルダのファイルが開けず、画面に身代金を要求するメッセージが表示されています！';

/** Every badge and age on every card lies inside its card and shows its whole text (no ellipsis, no overflow). */
async function clippedOnCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid="incident-card"]')) {
      const ref = card.querySelector('.mantine-Text-root')?.textContent ?? card.dataset.incidentId ?? '?';
      const box = card.getBoundingClientRect();
      if (card.scrollWidth > card.clientWidth + 1) problems.push(`${ref}: the card scrolls sideways`);
      for (const el of card.querySelectorAll<HTMLElement>('.mantine-Badge-root, [data-testid="incident-age"]')) {
        const b = el.getBoundingClientRect();
        const what = `${ref}: "${el.textContent ?? ''}"`;
        if (b.left < box.left - 0.5 || b.right > box.right + 0.5) problems.push(`${what} sticks out of its card`);
        const label = el.querySelector<HTMLElement>('.mantine-Badge-label') ?? el;
        if (label.scrollWidth > label.clientWidth + 1) problems.push(`${what} is cut off`);
      }
    }
    for (const column of document.querySelectorAll<HTMLElement>('section[data-stage]')) {
      if (column.getBoundingClientRect().right > window.innerWidth) problems.push(`column ${column.dataset.stage} is off screen`);
    }
    return problems;
  });
}

test.setTimeout(150_000);

test('overdue, escalated and breached reports stand out and filter; a possible duplicate is flagged to responders only', async ({ browser, page }) => {
  const reporter = await createUser('Reporter', '報告 六郎');
  const responder = await createUser('Responder', '対応 七子');
  await setDefaultChain([
    { name: responder.displayName, email: responder.email, role: '一次受付', language: 'ja' },
    { name: '情報システム部長', email: `cio-${Date.now()}@e2e.incidentdesk.test`, role: '二次連絡', language: 'ja' },
  ]);

  // ---- for one report the deadlines are seconds (the SLA policy is put back right after): nobody acknowledges,
  // the second contact is alerted (escalated), then the chain runs out (breached).
  const admin = await ApiSession.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const asReporter = await ApiSession.login(reporter.email, reporter.password);
  const report = (summary: string, category = 'C2') =>
    asReporter.post<Incident>('/api/incidents', {
      category, summary, noticedAt: new Date().toISOString(), disconnectedFromNetwork: true, personalDataMayBeInvolved: false,
    });
  const saved = await admin.get<SlaPolicyView>('/api/admin/sla-policy');
  const seconds = (s: number) => ({ minutes: null, nextBusinessDay: false, seconds: s });
  let late: Incident;
  try {
    const quick = await admin.put<SlaPolicyView>(
      '/api/admin/sla-policy',
      { ...saved.policy, rows: saved.policy.rows.map((r) => (r.severity === 'unrated' ? { ...r, acknowledge: seconds(2), triage: seconds(4) } : r)) },
      saved.version,
    );
    late = await report(RANSOM);
    await admin.put('/api/admin/sla-policy', saved.policy, quick.version);
  } catch (e) {
    const now = await admin.get<SlaPolicyView>('/api/admin/sla-policy');
    if (now.version !== saved.version) await admin.put('/api/admin/sla-policy', saved.policy, now.version);
    throw e;
  }
  const asResponder = await ApiSession.login(responder.email, responder.password);
  const row = async (i: Incident) => (await asResponder.get<{ items: Row[] }>(`/api/incidents?q=${i.reference}`)).items[0]!;
  await expect.poll(async () => row(late), { timeout: 30_000, intervals: [500, 1000] }).toMatchObject({ overdue: true, escalated: true, breached: true });

  // ---- a near-identical report a minute later by the same reporter: flagged; a report of another kind: calm
  const again = await report(RANSOM_AGAIN);
  const calm = await report('ノートPCを電車の網棚に置き忘れました。', 'C4');
  expect(again.possibleDuplicateOf ?? null, 'the reporter is not told of the flag').toBeNull();
  expect((await asReporter.get<Incident>(`/api/incidents/${again.id}`)).possibleDuplicateOf ?? null).toBeNull();
  expect((await row(again)).possibleDuplicateOf).toEqual({ id: late.id, reference: late.reference });
  await Promise.all([admin.dispose(), asReporter.dispose(), asResponder.dispose()]);

  // ---- the responder's board at 1440 px with the closed column on
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginUi(page, responder);
  await expect(page).toHaveURL(/\/board$/);
  await page.getByRole('switch', { name: '完了した件も表示' }).check();
  await expect(page.locator('section[data-stage]')).toHaveCount(6);
  // by id: the duplicate's card also names the first report's reference
  const card = (i: Incident) => page.locator(`[data-testid="incident-card"][data-incident-id="${i.id}"]`);
  const badge = (i: Incident, state: string) => card(i).locator(`[data-testid="attention-badge"][data-attention="${state}"]`);

  await expect(card(late)).toHaveAttribute('data-attention', 'breached overdue escalated');
  await expect(badge(late, 'breached')).toHaveText('SLA超過');
  await expect(badge(late, 'overdue')).toHaveText('期限超過');
  await expect(badge(late, 'escalated')).toHaveText('エスカレーション済');
  for (const state of ['breached', 'overdue', 'escalated']) await expect(badge(late, state).locator('svg')).toHaveCount(1);
  await expect(badge(again, 'duplicate')).toHaveText(`重複の可能性 ${late.reference}`);
  await expect(card(calm)).not.toHaveAttribute('data-attention');
  await expect(card(calm).getByTestId('attention-badge')).toHaveCount(0);
  // the breached card's edge is red, the calm one has none
  const edge = (i: Incident) => card(i).evaluate((el) => getComputedStyle(el).borderLeftWidth);
  expect(await edge(late)).toBe('4px');
  expect(await edge(calm)).not.toBe('4px');

  expect(await clippedOnCards(page)).toEqual([]);
  await card(late).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('01-board-1440-desktop') });
  await card(late).screenshot({ path: shot('02-card-desktop') });

  // ---- the attention filter: escalated ones only, then breached; cleared, everything again
  const filter = page.getByRole('textbox', { name: '注意が必要な件' });
  await filter.click();
  await page.getByRole('option', { name: 'エスカレーション済' }).click();
  await expect(card(calm)).toHaveCount(0);
  await expect(card(late)).toBeVisible();
  await expect(page.getByTestId('incident-card').and(page.locator(':not([data-attention*="escalated"])'))).toHaveCount(0);
  await page.screenshot({ path: shot('03-filtered-escalated-desktop') });
  await filter.click();
  await page.getByRole('option', { name: 'SLA超過' }).click();
  await expect(page.getByTestId('incident-card').and(page.locator(':not([data-attention*="breached"])'))).toHaveCount(0);
  await expect(card(late)).toBeVisible();
  await filter.click();
  await page.getByRole('option', { name: '注意が必要な件すべて' }).click();
  await expect(card(calm)).toHaveCount(0);
  await expect(card(late)).toBeVisible();
  // choosing the chosen option again clears the filter
  await filter.click();
  await page.getByRole('option', { name: '注意が必要な件すべて' }).click();
  await expect(filter).toHaveValue('');
  await expect(card(calm)).toBeVisible();

  // ---- the duplicate on its incident page links to the first report
  await card(again).click();
  await expect(page.getByRole('heading', { name: again.reference, level: 1 })).toBeVisible();
  const alert = page.getByTestId('possible-duplicate');
  await expect(alert).toContainText(`同じ報告者が1時間以内に、同じ種類・ほぼ同じ内容で ${late.reference} を報告しています`);
  await page.screenshot({ path: shot('04-duplicate-incident-desktop') });
  await alert.getByRole('link', { name: `${late.reference} を開く` }).click();
  await expect(page.getByRole('heading', { name: late.reference, level: 1 })).toBeVisible();
  await expect(page.getByTestId('possible-duplicate')).toHaveCount(0);

  // ---- the reporter's own page of the duplicate says nothing of it
  const reporterContext = await newPhoneContext(browser);
  const reporterPage = await reporterContext.newPage();
  await loginUi(reporterPage, reporter);
  await reporterPage.goto(`/incidents/${again.id}`);
  await expect(reporterPage.getByRole('heading', { name: again.reference, level: 1 })).toBeVisible();
  await expect(reporterPage.getByTestId('possible-duplicate')).toHaveCount(0);
  await expect(reporterPage.getByText('重複')).toHaveCount(0);
  await reporterContext.close();

  // ---- the responder's phone: the detection tab shows the same badges, nothing cut off
  const phoneContext = await newPhoneContext(browser);
  const phone = await phoneContext.newPage();
  await loginUi(phone, responder);
  await expect(phone).toHaveURL(/\/board$/);
  const phoneCard = phone.locator(`[data-testid="incident-card"][data-incident-id="${late.id}"]`);
  await expect(phoneCard.locator('[data-testid="attention-badge"]')).toHaveCount(3);
  expect(await clippedOnCards(phone)).toEqual([]);
  await phoneCard.scrollIntoViewIfNeeded();
  await phone.screenshot({ path: shot('05-board-phone') });
  await phoneContext.close();
});
