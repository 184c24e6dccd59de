import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import { AckLanding } from './ack-landing';

const view = {
  incidentId: 'i1',
  reference: 'INC-2026-0007',
  category: 'C3',
  summary: '不審なメールの添付を開いた',
  stage: 'detection',
  acknowledgedAt: null,
  recipientName: '佐藤 一郎',
};

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/ack/:incidentId" element={<AckLanding />} />
    </Routes>,
    { route: '/ack/i1?token=tok123' },
  );
}

describe('AckLanding', () => {
  it('shows the incident, acknowledges with the token and confirms', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation((_input, init) => {
      if ((init?.method ?? 'GET') === 'GET') return Promise.resolve(jsonResponse(view));
      return Promise.resolve(jsonResponse({ reference: 'INC-2026-0007', acknowledgedAt: '2026-04-01T10:05:00Z', alreadyAcknowledged: false }));
    });
    renderPage();
    expect(await screen.findByText('INC-2026-0007')).toBeInTheDocument();
    expect(screen.getByText('不審なメールの添付を開いた')).toBeInTheDocument();
    expect(screen.getByText('佐藤 一郎さん宛ての通知です')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '受付を確認する' }));
    expect(await screen.findByText('受付を確認しました')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '受付を確認する' })).not.toBeInTheDocument();
    // acknowledging may have moved the incident on: the stage read before is no longer shown
    expect(screen.queryByText('段階')).not.toBeInTheDocument();
    // the page does not end there: it offers the incident itself, behind sign-in
    expect(screen.getByRole('link', { name: 'この件を開く（ログイン）' })).toHaveAttribute('href', '/login?next=%2Fincidents%2Fi1');

    const [getUrl] = fetchMock.mock.calls[0];
    expect(fetchUrl(getUrl)).toBe('/api/ack/i1?token=tok123');
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST');
    expect(fetchUrl(post?.[0])).toBe('/api/ack/i1');
    expect(fetchJsonBody(post?.[1])).toEqual({ token: 'tok123' });
  });

  it('says so when the link was already used (409 link_used)', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation((_input, init) => {
      if ((init?.method ?? 'GET') === 'GET') return Promise.resolve(jsonResponse(view));
      return Promise.resolve(jsonResponse({ title: 'Conflict', status: 409, rules: [{ code: 'link_used', message: 'used' }] }, 409));
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: '受付を確認する' }));
    expect(await screen.findByText('このリンクはすでに使われています。受付は記録済みです。')).toBeInTheDocument();
    expect(screen.getByTestId('ack-error')).toHaveTextContent('このリンクは使用済みです');
  });

  it('explains an expired link straight away', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ title: 'Conflict', status: 409, rules: [{ code: 'link_expired', message: 'expired' }] }, 409),
    );
    renderPage();
    expect(await screen.findByText(/有効期限が切れています/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '受付を確認する' })).not.toBeInTheDocument();
  });

  it('explains an invalid link (403)', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ title: 'Forbidden', status: 403 }, 403));
    renderPage();
    expect(await screen.findByText(/このリンクは正しくありません/)).toBeInTheDocument();
  });
});
