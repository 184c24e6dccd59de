import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { PlaybookDetail, PlaybookStepView } from '@/types';
import { PlaybookLibrary } from './playbook-library';
import { PlaybookView } from './playbook-view';

const tx = (ja: string, en = ja) => ({ ja, en });
const src = { file: '003_8c09d1b49d27eae0.txt', lines: '684-705', derived: false };

const step = (p: Partial<PlaybookStepView> & Pick<PlaybookStepView, 'id' | 'stage'>): PlaybookStepView => ({
  role: 'responder',
  kind: 'task',
  grade: 'guidance',
  required: true,
  obligation: false,
  basic: true,
  title: tx(`手順 ${p.id}`),
  guidance: tx('説明'),
  evidencePrompt: tx('記録する内容'),
  evidenceField: null,
  condition: null,
  party: null,
  source: src,
  ...p,
});

const detail: PlaybookDetail = {
  id: 'ransomware',
  version: 2,
  category: 'C2',
  contentHash: 'caefa230152127d14cc4d73822f62ad2',
  fileName: 'c2-ransomware.yaml',
  current: true,
  title: tx('ランサムウェア（データの暗号化・身代金要求）', 'Ransomware'),
  summary: tx('画面がロックされる被害です。', 'The screen is locked.'),
  signals: [{ text: tx('画面がロックされて操作できない', 'The screen is locked'), source: { ...src, lines: '569' } }],
  steps: [
    step({ id: 'disconnect', stage: 'detection', role: 'reporter', title: tx('LANケーブルを抜く') }),
    step({ id: 'close-website', stage: 'triage', title: tx('ホームページを閉鎖する'), condition: { dataMayBeLeaking: true, isEmpty: false } }),
    step({ id: 'decide-ransom', stage: 'analysis', role: 'executive', kind: 'decision', title: tx('身代金の扱いを決める') }),
    step({ id: 'notify', stage: 'recovery', kind: 'notify', party: tx('関係者・利用者'), title: tx('復旧を連絡する'), evidenceField: 'notifiedParties', evidencePrompt: null }),
    step({ id: 'filtering', stage: 'prevention', role: 'admin', grade: '基本', obligation: true, title: tx('フィルタリングを見直す'), source: { ...src, derived: true } }),
  ],
  history: [
    { version: 1, contentHash: '0123456789abcdef', firstLoadedAt: '2026-10-01T00:00:00Z' },
    { version: 2, contentHash: 'caefa230152127d14cc4d73822f62ad2', firstLoadedAt: '2026-11-01T00:00:00Z' },
  ],
};

describe('playbook library', () => {
  it('lists the playbooks with category, step counts and version', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      Promise.resolve(
        jsonResponse({
          items: [
            { id: 'ransomware', version: 2, category: 'C2', contentHash: detail.contentHash, title: detail.title, summary: detail.summary, stepCount: 18, requiredCount: 15 },
          ],
        }),
      ),
    );
    renderWithProviders(<PlaybookLibrary />);
    const card = await screen.findByTestId('playbook-card');
    expect(card).toHaveAttribute('href', '/playbooks/ransomware');
    expect(within(card).getByText('ランサムウェア（データの暗号化・身代金要求）')).toBeInTheDocument();
    expect(within(card).getByText('手順 18件（必ず対応 15件）')).toBeInTheDocument();
    expect(within(card).getByText(/第2版/)).toBeInTheDocument();
    expect(within(card).getByText(/C2・/)).toBeInTheDocument();
  });

  it('renders a playbook from the API: signals, steps by stage, conditions, sources', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(detail)));
    renderWithProviders(
      <Routes>
        <Route path="/playbooks/:id" element={<PlaybookView id="ransomware" />} />
      </Routes>,
      { route: '/playbooks/ransomware' },
    );
    expect(await screen.findByRole('heading', { name: 'ランサムウェア（データの暗号化・身代金要求）' })).toBeInTheDocument();
    expect(fetchUrl(fetchMock.mock.calls[0][0])).toBe('/api/playbooks/ransomware');
    expect(screen.getByText('画面がロックされて操作できない')).toBeInTheDocument();
    expect(screen.getByTestId('playbook-version')).toHaveTextContent('第2版');

    const triage = screen.getByTestId('playbook-stage-triage');
    expect(within(triage).getByText('ホームページを閉鎖する')).toBeInTheDocument();
    expect(within(triage).getByTestId('step-condition')).toHaveTextContent('対象：情報が漏えいしているおそれがある場合');
    const analysis = screen.getByTestId('playbook-stage-analysis');
    expect(within(analysis).getByText('経営者が判断する手順')).toBeInTheDocument();
    expect(within(screen.getByTestId('playbook-stage-recovery')).getByText('連絡先：関係者・利用者')).toBeInTheDocument();
    const prevention = screen.getByTestId('playbook-stage-prevention');
    expect(within(prevention).getByText('基本').closest('[data-grade]')).toHaveAttribute('data-strong', 'true');
    expect(within(prevention).getByText('派生')).toBeInTheDocument();
    expect(within(prevention).getByText('003_8c09d1b49d27eae0.txt:684-705')).toBeInTheDocument();

    // basic steps only: asks the API again with basicOnly=true
    await userEvent.click(screen.getByRole('switch', { name: /基本の手順だけ表示/ }));
    await vi.waitFor(() => expect(fetchMock.mock.calls.map((c) => fetchUrl(c[0]))).toContain('/api/playbooks/ransomware?basicOnly=true'));
  });
});
