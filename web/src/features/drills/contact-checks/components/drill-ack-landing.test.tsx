import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, jsonResponse, renderWithProviders } from '@/test/render';
import { DrillAckLanding } from './drill-ack-landing';

const view = {
  checkId: 'chk-1',
  runId: 'run-1',
  drillTitle: 'ランサムウェア（テレワーク端末）',
  recipientName: '鈴木 太郎',
  chainName: '本社 連絡網',
  announced: false,
  position: 2,
  members: 3,
  acknowledgedAt: null,
  language: 'ja',
  banner: '【訓練】これは訓練のメッセージです。実際のインシデントではありません。',
  checkCompleted: false,
  timeZone: 'Asia/Tokyo',
};

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/drill-ack/:checkId" element={<DrillAckLanding />} />
    </Routes>,
    { route: '/drill-ack/chk-1?token=tok123' },
  );
}

describe('DrillAckLanding', () => {
  it('shows the drill banner and counts only when the button is pressed', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation((_input, init) => {
      if ((init?.method ?? 'GET') === 'GET') return Promise.resolve(jsonResponse(view));
      return Promise.resolve(jsonResponse({ checkId: 'chk-1', recipientName: '鈴木 太郎', acknowledgedAt: '2026-11-20T09:32:05Z', alreadyAcknowledged: false }));
    });
    renderPage();
    expect(await screen.findByTestId('drill-banner')).toHaveTextContent('これは訓練のメッセージです');
    expect(screen.getByText('訓練: ランサムウェア（テレワーク端末）')).toBeInTheDocument();
    expect(screen.getByText('連絡体制: 本社 連絡網（3人中2番目）')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: '受信を確認しました' }));
    expect(await screen.findByText('ありがとうございます。確認を記録しました')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(fetchJsonBody(post?.[1])).toEqual({ token: 'tok123' });
    fetchMock.mockRestore();
  });

  it('says so when the link cannot be used', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ title: 'Conflict', status: 409, rules: [{ code: 'link_expired', message: 'expired' }] }, 409),
    );
    renderPage();
    expect(await screen.findByTestId('drill-ack-error')).toHaveAttribute('data-reason', 'drillAck.expired');
    fetchMock.mockRestore();
  });
});
