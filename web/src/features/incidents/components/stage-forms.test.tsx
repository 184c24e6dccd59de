import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { IncidentDetail } from '@/types';
import { useIncident } from '../api/get-incident';
import { incidentKeys } from '../api/incident-keys';
import { AnalysisForm } from './analysis-form';
import { ChecklistPrint } from './checklist-print';
import { PreventionForm } from './prevention-form';
import { StageActions } from './stage-actions';
import { StageRecords } from './stage-records';

const base: IncidentDetail = {
  id: 'i1',
  reference: 'INC-2026-0042',
  category: 'C2',
  summary: '画面に身代金要求',
  stage: 'prevention',
  severity: 'high',
  ownerId: 'u1',
  ownerName: '佐藤 健',
  reporterId: 'r1',
  reporterName: '山田 花子',
  noticedAt: '2026-11-20T00:00:00Z',
  reportedAt: '2026-11-20T00:10:00Z',
  acknowledgedAt: '2026-11-20T00:20:00Z',
  updatedAt: '2026-11-20T00:20:00Z',
  version: 7,
  contact: null,
  deviceId: null,
  personalDataMayBeInvolved: false,
  disconnectedFromNetwork: true,
  triage: null,
  analysis: null,
  recovery: null,
  prevention: null,
  notes: [],
  exitCriteria: [],
  nextStage: 'closed',
  checklist: { playbook: null, earlierPlaybooks: [], steps: [], progress: [] },
};

const closed: IncidentDetail = {
  ...base,
  stage: 'closed',
  nextStage: null,
  version: 30,
  triage: {
    infoClass: 'confidential',
    impact: 'serious',
    personalDataInvolved: true,
    usersMayBeHarmed: false,
    dataMayBeLeaking: true,
    containmentActions: ['LANケーブルを抜いた'],
    severity: 'critical',
    triagedAt: '2026-11-20T01:00:00Z',
    triagedBy: 'u1',
    triagedByName: '佐藤 健',
  },
  analysis: {
    who: { value: '外部の攻撃者', unknown: false },
    what: { value: '顧客名簿', unknown: false },
    when: { value: '11月20日 9時', unknown: false },
    where: { value: '営業部PC', unknown: false },
    why: { value: null, unknown: true },
    how: { value: '請求書の添付ファイル', unknown: false },
    damage: 'ローカルディスクの暗号化',
    scale: 'PC 1台',
    affectedAssets: 'PC-0142',
    cause: 'マクロ付きの添付ファイル',
    countermeasures: '再インストールしてバックアップから復元',
    recordedBy: 'u2',
    recordedByName: '伊藤 美香',
    recordedAt: '2026-11-20T03:00:00Z',
  },
  recovery: {
    actionsTaken: 'PC-0142 を再インストール',
    normalOperationVerified: true,
    verifiedBy: 'u1',
    verifiedByName: '佐藤 健',
    verifiedAt: '2026-11-21T01:00:00Z',
    notifiedParties: [{ party: '取引先B社', notifiedAt: '2026-11-21T02:00:00Z', how: '電話' }],
    recordedBy: 'u1',
    recordedByName: '佐藤 健',
    recordedAt: '2026-11-21T02:30:00Z',
  },
  prevention: {
    rootCause: 'インターネット由来のマクロを許可していた',
    measures: [{ description: 'マクロを既定で無効にする', decision: 'will_do', deadline: '2026-12-31' }],
    policyUpdateNeeded: true,
    recordedBy: 'u1',
    recordedByName: '佐藤 健',
    recordedAt: '2026-11-22T01:00:00Z',
  },
};

/** The form fed from the query cache, as on the incident page: a new detail in the cache re-renders it. */
function CachedForm({ form: Form }: { form: typeof PreventionForm }) {
  const q = useIncident('i1');
  return q.data ? <Form incident={q.data} /> : null;
}

function renderCached(form: typeof PreventionForm, incident: IncidentDetail) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(incident)));
  return renderWithProviders(<CachedForm form={form} />);
}

describe('stage forms keep what the user typed', () => {
  it('keeps typed prevention text when the incident changes underneath (a step reopened), says so, and can discard', async () => {
    const user = userEvent.setup();
    const { queryClient } = renderCached(PreventionForm, base);
    const rootCause = await screen.findByLabelText(/根本原因/);
    await user.type(rootCause, 'マクロを許可していた');
    await user.click(screen.getByRole('button', { name: '対策を追加' }));
    await user.type(screen.getByLabelText(/対策の内容/), 'マクロを無効にする');
    await user.click(screen.getByRole('radio', { name: 'はい' }));
    expect(screen.queryByTestId('changed-notice')).not.toBeInTheDocument();

    // Another command (reopening a checklist step) puts a new detail into the cache.
    await act(() => queryClient.setQueryData(incidentKeys.detail('i1'), { ...base, version: 8, updatedAt: '2026-11-20T00:30:00Z' }));

    expect(await screen.findByTestId('changed-notice')).toHaveTextContent('入力中にこの事案が更新されました');
    expect(screen.getByLabelText(/根本原因/)).toHaveValue('マクロを許可していた');
    expect(screen.getByLabelText(/対策の内容/)).toHaveValue('マクロを無効にする');
    expect(screen.getByRole('radio', { name: 'はい' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: '入力を破棄して最新の内容を表示' }));
    expect(screen.getByLabelText(/根本原因/)).toHaveValue('');
    expect(screen.queryByLabelText(/対策の内容/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('changed-notice')).not.toBeInTheDocument();
  });

  it('saves the kept text with the new version, then shows what the server recorded', async () => {
    const user = userEvent.setup();
    const { queryClient } = renderCached(PreventionForm, base);
    await user.type(await screen.findByLabelText(/根本原因/), '原因A');
    await act(() => queryClient.setQueryData(incidentKeys.detail('i1'), { ...base, version: 8 }));
    await screen.findByTestId('changed-notice');

    const saved = { ...base, version: 9, prevention: { ...closed.prevention!, rootCause: '原因A', measures: [] } };
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(saved)));
    await user.click(screen.getByRole('button', { name: '再発防止策を保存' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/incidents/i1/prevention');
    expect((init?.headers as Record<string, string>)['If-Match']).toBe('"8"');
    expect(fetchJsonBody(init)).toMatchObject({ rootCause: '原因A' });
    await waitFor(() => expect(screen.queryByTestId('changed-notice')).not.toBeInTheDocument());
    expect(screen.getByLabelText(/根本原因/)).toHaveValue('原因A');
  });

  it('an untouched form shows the new record when the incident changes', async () => {
    const { queryClient } = renderCached(AnalysisForm, { ...base, stage: 'analysis' });
    expect(await screen.findByLabelText(/被害の内容/)).toHaveValue('');
    await act(() => queryClient.setQueryData(incidentKeys.detail('i1'), { ...base, stage: 'analysis', version: 8, analysis: closed.analysis }));
    await waitFor(() => expect(screen.getByLabelText(/被害の内容/)).toHaveValue('ローカルディスクの暗号化'));
    expect(screen.queryByTestId('changed-notice')).not.toBeInTheDocument();
  });

  it('puts a 400 field error on its field and the rest in the form alert', async () => {
    const user = userEvent.setup();
    renderCached(PreventionForm, base);
    await user.type(await screen.findByLabelText(/根本原因/), '原因A');
    vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      Promise.resolve(
        jsonResponse(
          { title: 'Invalid', status: 400, errors: { RootCause: ['at most 4000 characters'], 'Body.Unmapped': ['server-side only'] } },
          400,
        ),
      ),
    );
    await user.click(screen.getByRole('button', { name: '再発防止策を保存' }));
    expect(await screen.findByText('at most 4000 characters')).toBeInTheDocument();
    expect(screen.getByText('server-side only').closest('[role="alert"]')).toHaveTextContent('入力内容を確認してください');
    expect(screen.getByLabelText(/根本原因/)).toHaveValue('原因A');
  });
});

describe('records of passed stages', () => {
  it('shows every stage record of a closed incident, read-only, with who recorded it and when', () => {
    renderWithProviders(<StageRecords incident={closed} />);
    const section = screen.getByTestId('stage-records');
    for (const stage of ['triage', 'analysis', 'recovery', 'prevention'])
      expect(within(screen.getByTestId(`record-${stage}`)).getByRole('button', { expanded: true })).toBeInTheDocument();
    expect(within(section).queryByRole('textbox')).not.toBeInTheDocument();
    const analysis = screen.getByTestId('record-analysis');
    expect(within(analysis).getByTestId('record-by')).toHaveTextContent('伊藤 美香さんが');
    expect(within(analysis).getByText('外部の攻撃者')).toBeInTheDocument();
    expect(within(analysis).getByText('不明')).toBeInTheDocument();
    expect(within(analysis).getByText('ローカルディスクの暗号化')).toBeInTheDocument();
    expect(within(analysis).getByText('再インストールしてバックアップから復元')).toBeInTheDocument();
    const triage = screen.getByTestId('record-triage');
    expect(within(triage).getByTestId('record-by')).toHaveTextContent('佐藤 健さんが');
    expect(within(triage).getByText('LANケーブルを抜いた')).toBeInTheDocument();
    expect(within(triage).getByText('緊急')).toBeInTheDocument();
    const recovery = screen.getByTestId('record-recovery');
    expect(within(recovery).getByText(/取引先B社 — .*（電話）/)).toBeInTheDocument();
    expect(within(recovery).getByText(/^はい（佐藤 健さんが\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}に確認）$/)).toBeInTheDocument();
    const prevention = screen.getByTestId('record-prevention');
    expect(within(prevention).getByText('インターネット由来のマクロを許可していた')).toBeInTheDocument();
    expect(within(prevention).getByText('マクロを既定で無効にする — 実施する（期限 2026/12/31）')).toBeInTheDocument();
  });

  it('shows only the stages already left while the incident is open', () => {
    renderWithProviders(<StageRecords incident={{ ...closed, stage: 'recovery', nextStage: 'prevention' }} />);
    expect(screen.getByTestId('record-triage')).toBeInTheDocument();
    expect(screen.getByTestId('record-analysis')).toBeInTheDocument();
    expect(screen.queryByTestId('record-recovery')).not.toBeInTheDocument();
    expect(screen.queryByTestId('record-prevention')).not.toBeInTheDocument();
  });

  it('prints every stage record with who recorded it', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(closed)));
    renderWithProviders(<ChecklistPrint id="i1" />);
    const records = await screen.findByTestId('print-records');
    expect(within(records).getByTestId('print-record-analysis')).toHaveTextContent('伊藤 美香さんが');
    expect(within(records).getByTestId('print-record-analysis')).toHaveTextContent('マクロ付きの添付ファイル');
    expect(within(records).getByTestId('print-record-recovery')).toHaveTextContent('取引先B社');
    expect(within(records).getByTestId('print-record-prevention')).toHaveTextContent('マクロを既定で無効にする');
    expect(within(records).getByTestId('print-record-triage')).toHaveTextContent('LANケーブルを抜いた');
  });
});

describe('a refused stage change', () => {
  const triage: IncidentDetail = {
    ...base,
    stage: 'triage',
    nextStage: 'analysis',
    exitCriteria: [
      { code: 'acknowledged', met: true },
      { code: 'severity_rated', met: false },
      { code: 'owner_assigned', met: false },
      { code: 'harm_and_leak_assessed', met: false },
    ],
  };
  const refused = {
    title: 'Rule violated',
    status: 409,
    rules: [
      { code: 'severity_rated', message: 'x' },
      { code: 'owner_assigned', message: 'x' },
      { code: 'harm_and_leak_assessed', message: 'x' },
    ],
  };

  it('links each unmet criterion to its field and drops those met since', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
      Promise.resolve(fetchUrl(input).endsWith('/stage') ? jsonResponse(refused, 409) : jsonResponse(triage)),
    );
    const ownerField = 'owner field';
    function Page() {
      const q = useIncident('i1');
      if (!q.data) return null;
      return (
        <>
          <StageActions incident={q.data} />
          <input id="stage-field-ownerId" aria-label={ownerField} />
        </>
      );
    }
    const { queryClient } = renderWithProviders(<Page />);
    await user.click(await screen.findByRole('button', { name: '次の段階へ進む' }));
    const link = await screen.findByRole('button', { name: '対応責任者が決まっている' });
    await user.click(link);
    expect(screen.getByLabelText(ownerField)).toHaveFocus();

    // Triage saved: severity and the harm/leak assessment are now met; only the owner is still open.
    await act(() =>
      queryClient.setQueryData(incidentKeys.detail('i1'), {
        ...triage,
        version: 8,
        exitCriteria: triage.exitCriteria.map((c) => (c.code === 'owner_assigned' ? c : { ...c, met: true })),
      }),
    );
    await waitFor(() => expect(screen.queryByText('重大度を評価している')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: '対応責任者が決まっている' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });
});
